namespace Tsunagu.Web.Features.Plans.Reports;

/// <summary>
/// The annual report (年次報告) of one plan for one fiscal year as published: what the public page, the PDF and the
/// Excel file show. It is stored as JSON when the round is published and never changes; a correction publishes a
/// new version.
/// </summary>
public sealed record AnnualReport(
    string CityName,
    string PlanKey,
    string PlanTitle,
    int FiscalYear,
    int Version,
    DateTime PublishedAt,
    IReadOnlyList<string> Levels,
    IReadOnlyList<AnnualReport.GradeLabel> Grades,
    IReadOnlyList<AnnualReport.Item> Items,
    IReadOnlyList<AnnualReport.IndicatorLine> Indicators,
    IReadOnlyList<AnnualReport.PolicyEvaluation> Evaluations,
    string? CouncilOpinion,
    string? EvaluatingBody = null,
    string? EvaluationTerm = null,
    string? IncompleteReason = null,
    string? PlanEra = null)
{
    /// <summary>A fiscal year as the plan writes it: a plan adopted in 平成 goes on counting in 平成 (平成31年度).</summary>
    public string YearText(int fiscalYear) => new Calendar.FiscalYear(fiscalYear).ToJapanese(PlanEra);

    /// <summary>The short form (H31, R8) in the plan's own era.</summary>
    public string ShortYear(int fiscalYear) => Calendar.JapaneseDates.ToShortEra(new Calendar.FiscalYear(fiscalYear), PlanEra);

    /// <summary>The evaluating body's name as it was when published; reports published before it was recorded say 審議会.</summary>
    public string Body => string.IsNullOrEmpty(EvaluatingBody) ? "審議会" : EvaluatingBody;

    /// <summary>What the body's evaluation is called (答申, 検証・評価); 意見（答申） for reports published before.</summary>
    public string Term => string.IsNullOrEmpty(EvaluationTerm) ? "意見（答申）" : EvaluationTerm;

    public sealed record GradeLabel(string Code, string Label);

    /// <summary>
    /// One node of the tree in order (Depth 0 = top level). Items that were reported carry the department's report;
    /// the upper levels only their ref and title.
    /// </summary>
    public sealed record Item(
        string Ref, string Title, int Depth, string? Departments, string? PlannedWord,
        string? Grade, string? Done, string? Figures, string? Problems, string? NextYear, string? Partners);

    public sealed record YearValue(int Year, decimal? Value);

    /// <summary>An indicator as published; <paramref name="Kind"/> is null in reports published before it was recorded.</summary>
    public sealed record IndicatorLine(
        string Name, string Unit, bool HigherIsBetter, int BaselineYear, decimal BaselineValue, int TargetYear, decimal TargetValue,
        IReadOnlyList<YearValue> Actuals, decimal? Achievement, IndicatorKind? Kind = null);

    /// <summary>The council's evaluation of one top-level policy (基本方針).</summary>
    public sealed record PolicyEvaluation(string PolicyRef, string PolicyTitle, string Evaluation, string Opinion);
}
