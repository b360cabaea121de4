import PhoenixCore
import Testing

@Suite("The seed's example response is a contract")
struct SeedContractTests {
    @Test func containersListMatchesTheSeedExample() async throws {
        let api = try APIHarness()
        let response = await api.call("GET", "/api/v1/containers")
        #expect(response.status == 200)
        #expect(response.header("Content-Type") == "application/json")
        let items = try #require(response.json.arrayValue)
        #expect(items.count == 2)
        #expect(items[0]["id"] == 950)
        #expect(items[0]["name"] == "vllm-qwen2.5-7b-awq")
        #expect(items[0]["status"] == "running")
        #expect(items[1]["id"] == 951)
        #expect(items[1]["name"] == "vllm-granite-embed-r2")
        #expect(items[1]["status"] == "running")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.hasPrefix(#"[{"id":950,"name":"vllm-qwen2.5-7b-awq","status":"running","#))
    }
}
