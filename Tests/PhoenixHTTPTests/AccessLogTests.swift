@testable import PhoenixHTTP
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
