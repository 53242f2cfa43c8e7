import Foundation
import Portfolio
import Testing
@testable import Store

/// `devcoop demo` on a store made by an earlier version: what the demo has gained since is added,
/// once, and nothing the store holds is changed.
@Suite struct DemoStoreCompletionTests {
    @Test func aStoreWithOnlyTheImportedFilesGetsTheStrategyRegisterAndScreeningsOnce() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("demo-complete-\(UUID())")
        defer { try? FileManager.default.removeItem(at: folder) }
        let portfolio = try DemoPortfolio(seed: 1)
        let files = try DemoFiles.write(portfolio, to: folder.appendingPathComponent("files"))
        try await Store.using(folder.appendingPathComponent("old-demo.sqlite").path) { store in
            for file in files { #expect(await store.importFile(at: file.path).status == .imported) }
            await #expect(throws: StoreError.self) { try await store.strategyReview(asOf: "2023-02-15") }

            try await DemoStore.complete(store)
            #expect(try await store.strategyReview(asOf: "2023-02-15").pillars.count == 4)
            #expect(try await store.programmeCounts(on: "2022-09-15").active == 55)
            let register = try await store.screeningRegister()
            #expect(!register.screened.isEmpty && register.screened.allSatisfy { $0.category != nil })

            let token = try await store.changeToken()
            try await DemoStore.complete(store)
            #expect(try await store.changeToken() == token)
        }
    }
}
