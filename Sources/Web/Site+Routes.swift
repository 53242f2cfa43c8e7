import Hummingbird

extension Site {
    /// The HTML pages; each page type lives in `Pages/` with its own `add…` function.
    func addPages(to router: Router<WebRequestContext>) {
        addOverview(to: router)
        addProjectExports(to: router)
        addFunding(to: router)
        addEntityPages(to: router)
        addProjects(to: router)
        addProject(to: router)
        addData(to: router)
        addStrategy(to: router)
        addReview(to: router)
        addProgrammes(to: router)
        addScreening(to: router)
        addResults(to: router)
        addAPI(to: router)
    }
}
