extension DemoProject {
    /// The country programme outcome (CPO) a project serves: `BGD101` is outcome 1 of Bangladesh's
    /// first programme cycle; a regional or global project gets its region's prefix. `nil` for
    /// core (RBSA) allocations, which are not projects.
    var countryProgrammeOutcome: String? {
        guard kind == .project else { return nil }
        let number = outcome.isEnabling ? 9 : Int(outcome.code) ?? 9
        let place: String
        if countries.count == 1, let country = DemoCountry.find(countries[0]) {
            let cycle = (country.programmes.firstIndex { $0.first <= signed.year && signed.year <= $0.last } ?? 0) + 1
            place = country.code3 + String(cycle)
        } else {
            place = (countries.isEmpty ? region : countryRegion ?? .global).demoProjectPrefix + "1"
        }
        return place + (number < 10 ? "0" : "") + String(number)
    }
}
