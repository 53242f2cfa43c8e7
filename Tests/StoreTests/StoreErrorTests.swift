import Foundation
import Testing
@testable import Store

/// Store errors as a person reads them: the place and the cause in one line, never a password.
@Suite struct StoreErrorTests {
    @Test func anUnreachableServerNamesTheURLWithoutItsPassword() async throws {
        do {
            let store = try await Store.open("postgres://devcoop:s3cret@127.0.0.1:1/x")
            await store.close()
            Issue.record("nothing listens on port 1")
        } catch let error as StoreError {
            #expect(error.reason == .location)
            #expect(error.message == "cannot connect to postgres://devcoop:•••@127.0.0.1:1/x: connection refused")
        }
    }

    @Test(arguments: [
        ("postgres://devcoop:pw@host:5432/db?tlsmode=disable", "postgres://devcoop:•••@host:5432/db?tlsmode=disable"),
        ("postgres://devcoop:p@ss@host/db", "postgres://devcoop:•••@host/db"),
        ("postgres://devcoop@host/db", "postgres://devcoop@host/db"),
        ("postgres://host/db?user=a@b", "postgres://host/db?user=a@b"),
        ("devcoop.sqlite", "devcoop.sqlite"),
    ])
    func passwordsAreHidden(location: String, shown: String) {
        #expect(StoreError.redacted(location) == shown)
    }

    @Test func aServerErrorIsItsMessageOnOneLine() async throws {
        let database = try await Database.open(":memory:", role: .writer)
        do {
            try await database.execute("SELECT *\n  FROM no_such_table")
            Issue.record("the table does not exist")
        } catch let error as StoreError {
            #expect(error.message == "SELECT * FROM no_such_table: no such table: no_such_table")
        }
        await database.close()
    }
}
