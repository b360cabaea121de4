@testable import PhoenixHTTP
import PhoenixTestSupport
import Testing

@Suite("Access log line")
struct AccessLogTests {
    @Test func lineHasMethodPathStatusMillisecondsAndKeyID() {
        let line = AccessLog.line(method: "GET", path: "/api/v1/vms", status: 200,
                                  duration: .microseconds(1234), keyID: 3)
        #expect(line == "GET /api/v1/vms 200 1.23ms key=3")
    }

    @Test func missingKeyAndStatusAreDashes() {
        let line = AccessLog.line(method: "POST", path: "/x", status: nil, duration: .milliseconds(20), keyID: nil)
        #expect(line == "POST /x - 20.00ms key=-")
    }

    @Test func controlCharactersInThePathCannotForgeALine() {
        let line = AccessLog.line(method: "GET", path: "/a\nGET /b 200", status: 404, duration: .zero, keyID: nil)
        #expect(!line.contains("\n"))
        #expect(line == "GET /a%0AGET%20/b%20200 404 0.00ms key=-")
    }
}

@Suite("Access log fields")
struct AccessLogFieldTests {
    @Test func numbersOfEveryWidthAndTheDurationRounding() {
        #expect(AccessLog.line(method: "GET", path: "/", status: 0, duration: .nanoseconds(4_999), keyID: 0)
                == "GET / 0 0.00ms key=0")
        #expect(AccessLog.line(method: "GET", path: "/", status: 503, duration: .microseconds(5), keyID: 10)
                == "GET / 503 0.01ms key=10")
        #expect(AccessLog.line(method: "GET", path: "/", status: 200, duration: .seconds(12.3456), keyID: Int.max)
                == "GET / 200 12345.60ms key=9223372036854775807")
        #expect(AccessLog.line(method: "GET", path: "/", status: -1, duration: .milliseconds(100), keyID: Int.min)
                == "GET / -1 100.00ms key=-9223372036854775808")
    }

    @Test func deleteAndNonASCIIBytesAreHandledPerByte() {
        #expect(AccessLog.printable("/é\u{7F}\t ü") == "/é%7F%09%20ü")
        #expect(AccessLog.printable("") == "")
    }
}
