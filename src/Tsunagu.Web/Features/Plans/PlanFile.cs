using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tsunagu.Web.Features.Plans;

/// <summary>The plan import/export format `tsunagu-plan/1` (docs/plan-format.md), as it is written in JSON.</summary>
public sealed class PlanFile
{
    public const string FormatName = "tsunagu-plan/1";

    public string? Format { get; set; }
    public string? Key { get; set; }
    public string? Title { get; set; }
    public PeriodFile? Period { get; set; }
    public List<string>? Levels { get; set; }
    public List<GradeFile>? Grades { get; set; }
    public string? Source { get; set; }
    public List<NodeFile>? Nodes { get; set; }
    public List<IndicatorFile>? Indicators { get; set; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };
}

public sealed class PeriodFile
{
    public string? From { get; set; }
    public string? To { get; set; }
}

public sealed class GradeFile
{
    public string? Code { get; set; }
    public string? Label { get; set; }
}

public sealed class NodeFile
{
    public string? Ref { get; set; }
    public string? Title { get; set; }
    public string? Aim { get; set; }
    public string? Kind { get; set; }
    public List<string>? Departments { get; set; }
    public List<string>? Actors { get; set; }
    public string? Purpose { get; set; }
    public string? Content { get; set; }
    public string? Completion { get; set; }
    public bool? Priority { get; set; }
    public List<string>? Pillars { get; set; }
    public Dictionary<string, string>? Roles { get; set; }
    public Dictionary<string, string>? Yearly { get; set; }
    public List<NodeFile>? Children { get; set; }
    public string? RepeatOf { get; set; }
}

public sealed class IndicatorFile
{
    public string? Node { get; set; }
    public string? Name { get; set; }
    public string? Unit { get; set; }
    /// <summary>"count", "percentage" or "yen"; read from the unit when left out.</summary>
    public string? Kind { get; set; }
    public string? Direction { get; set; }
    public YearValueFile? Baseline { get; set; }
    public YearValueFile? Target { get; set; }
    public string? Source { get; set; }
    /// <summary>The source's parameters, "name=value;name=value" (e.g. "type=NPO法人;field=福祉").</summary>
    public string? Parameters { get; set; }
    public Dictionary<string, decimal>? Actuals { get; set; }
    public string? Note { get; set; }
}

public sealed class YearValueFile
{
    public string? Year { get; set; }
    public decimal? Value { get; set; }
}

/// <summary>The closed vocabularies of a plan: the six actors, the yearly words, the kinds, the default grades.</summary>
public static class PlanVocabulary
{
    public static readonly (TargetActors Actor, string Japanese, string English)[] Actors =
    [
        (TargetActors.Citizens, "市民", "Citizens"),
        (TargetActors.Community, "地域コミュニティ", "Local communities"),
        (TargetActors.CivicGroups, "市民活動団体", "Civic groups"),
        (TargetActors.Businesses, "事業者", "Businesses"),
        (TargetActors.Education, "教育機関", "Educational institutions"),
        (TargetActors.Government, "行政", "City government"),
    ];

    public static readonly string[] YearlyWords = ["検討", "一部実施", "実施", "検討・実施", "→", "完了", "－"];

    public static readonly string[] Kinds = ["新規", "継続"];

    public static readonly GradeFile[] DefaultGrades =
    [
        new() { Code = "A", Label = "計画どおり" },
        new() { Code = "B", Label = "一部遅れ" },
        new() { Code = "C", Label = "遅れ" },
        new() { Code = "D", Label = "未着手" },
        new() { Code = "完了", Label = "完了" },
    ];

    public static IEnumerable<string> ActorNames(TargetActors actors) =>
        Actors.Where(a => actors.HasFlag(a.Actor)).Select(a => a.Japanese);
}
