/// How a bar chart draws its series.
public enum BarLayout: Sendable, Hashable {
    /// The first series only, without a legend.
    case single
    /// The series on top of each other, positive values up from zero and negative ones down, with
    /// each category's total at the end of its stack.
    case stacked
    /// The series side by side within each category.
    case grouped
}
