import Testing
@testable import IATIValidation

@Test func severitiesSortCriticalFirst() {
    #expect(Finding.Severity.allCases.sorted() == [.critical, .error, .warning, .info])
}
