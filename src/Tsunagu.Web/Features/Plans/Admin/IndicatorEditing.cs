using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Calendar;
using Tsunagu.Web.Data;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Plans.Admin;

/// <summary>
/// A plan manager adds, edits, retires and reorders a published plan's indicators in place, without a re-import. A
/// retired indicator leaves the plan's pages and the next rounds but keeps its actuals; published reports are
/// snapshots and never change.
/// </summary>
public class IndicatorEditing(TsunaguDb db, IndicatorSources sources, Text t, TimeProvider clock)
{
    public const int NameLength = 200;
    public const int UnitLength = 20;
    public const int SourceLength = 50;
    public const int ParametersLength = 200;
    public const int NoteLength = 1000;
    /// <summary>What a value column (18 digits, 3 after the point) holds.</summary>
    private const decimal Largest = 999_999_999_999_999m;

    /// <summary>What the manager writes for an indicator, as typed: years and values are read here.</summary>
    public sealed record IndicatorEdit(
        string? Name, string? Unit, IndicatorKind Kind, IndicatorDirection Direction,
        string? BaselineYear, string? BaselineValue, string? TargetYear, string? TargetValue,
        string? Source, string? SourceParameters, string? Note);

    /// <summary>An indicator of the plan, retired or not, with its actuals; null when the plan has no such indicator.</summary>
    public Task<Indicator?> FindAsync(Plan plan, int id, CancellationToken ct = default) =>
        db.Set<Indicator>().Include(i => i.Actuals).FirstOrDefaultAsync(i => i.Id == id && i.PlanId == plan.Id, ct);

    /// <summary>Adds an indicator to the plan as a whole, after its others.</summary>
    public async Task<Result<Indicator>> AddAsync(Plan plan, IndicatorEdit edit, CancellationToken ct = default)
    {
        var problems = Check(edit, out var read);
        if (!problems.Ok) return problems;
        var last = await db.Set<Indicator>().Where(i => i.PlanId == plan.Id).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0;
        var indicator = new Indicator { PlanId = plan.Id, SortOrder = last + 1, Name = "", Unit = "", Source = IndicatorSources.Manual };
        Apply(indicator, edit, read);
        db.Add(indicator);
        await db.SaveChangesAsync(ct);
        return indicator;
    }

    /// <summary>Changes an indicator; its entered actuals stay as they were.</summary>
    public async Task<Result<Indicator>> SaveAsync(Indicator indicator, IndicatorEdit edit, CancellationToken ct = default)
    {
        var problems = Check(edit, out var read);
        if (!problems.Ok) return problems;
        Apply(indicator, edit, read);
        await db.SaveChangesAsync(ct);
        return indicator;
    }

    /// <summary>Retires an indicator (it leaves the current pages and rounds, its actuals kept), or brings it back.</summary>
    public async Task SetRetiredAsync(Indicator indicator, bool retired, CancellationToken ct = default)
    {
        if (retired == indicator.RetiredAt is not null) return;
        indicator.RetiredAt = retired ? clock.GetUtcNow().UtcDateTime : null;
        await db.SaveChangesAsync(ct);
    }

    /// <summary>
    /// Moves an indicator one place up (-1) or down (+1) among the plan's current ones; the plan's order is written
    /// afresh (1, 2, 3…), so indicators imported with the same order end up distinct. At either end it stays.
    /// </summary>
    public async Task MoveAsync(Plan plan, Indicator indicator, int step, CancellationToken ct = default)
    {
        var all = await db.Set<Indicator>().Where(i => i.PlanId == plan.Id).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        var current = all.Where(i => i.RetiredAt == null).ToList();
        var at = current.FindIndex(i => i.Id == indicator.Id);
        var to = at + Math.Sign(step);
        if (at < 0 || step == 0 || to < 0 || to >= current.Count) return;
        // Swap the two in the whole order, retired ones keeping their places.
        var (a, b) = (all.IndexOf(current[at]), all.IndexOf(current[to]));
        (all[a], all[b]) = (all[b], all[a]);
        for (var i = 0; i < all.Count; i++) all[i].SortOrder = i + 1;
        await db.SaveChangesAsync(ct);
    }

    private sealed record Read(int BaselineYear, decimal BaselineValue, int TargetYear, decimal TargetValue, string? Parameters);

    /// <summary>What is wrong with an edit, each problem under its field (Name, Unit, Kind, Direction, BaselineYear…).</summary>
    public Problems Check(IndicatorEdit edit) => Check(edit, out _);

    /// <summary>What is wrong with an edit, each problem under its field; what was read from it when nothing is.</summary>
    private Problems Check(IndicatorEdit edit, out Read? read)
    {
        read = null;
        var problems = new Problems();
        var name = edit.Name?.Trim() ?? "";
        if (name.Length == 0) problems.Add("Name", t["指標の名前を入力してください。"]);
        else if (name.Length > NameLength) problems.Add("Name", t["指標の名前は{0}文字以内にしてください。", NameLength]);
        var unit = edit.Unit?.Trim() ?? "";
        if (unit.Length == 0) problems.Add("Unit", t["単位を入力してください（例：団体、%、件）。"]);
        else if (unit.Length > UnitLength) problems.Add("Unit", t["単位は{0}文字以内にしてください。", UnitLength]);
        if (!Enum.IsDefined(edit.Kind)) problems.Add("Kind", t["指標の種類は一覧から選んでください。"]);
        if (!Enum.IsDefined(edit.Direction)) problems.Add("Direction", t["目指す方向は一覧から選んでください。"]);

        var baselineYear = Year(edit.BaselineYear, "BaselineYear", problems);
        var targetYear = Year(edit.TargetYear, "TargetYear", problems);
        if (baselineYear is { } from && targetYear is { } to && to < from)
            problems.Add("TargetYear", t["目標年度は基準年度（{0}）より後にしてください。", PlanText.Year(from, Text.IsEnglish)]);
        var baselineValue = Value(edit.BaselineValue, "BaselineValue", problems);
        var targetValue = Value(edit.TargetValue, "TargetValue", problems);

        var source = edit.Source?.Trim() ?? "";
        string? parameters = null;
        if (source.Length == 0 || source.Length > SourceLength || (!IndicatorSources.IsEntered(source) && sources.Find(source) is null))
            problems.Add("Source", t["集計元は一覧から選んでください。"]);
        else if (edit.SourceParameters is { Length: > ParametersLength })
            problems.Add("SourceParameters", t["集計の条件は{0}文字以内にしてください。", ParametersLength]);
        else if (sources.Check(source, edit.SourceParameters, out parameters) is { } problem)
            // The source's own words name the parameter and what it may be.
            problems.Add("SourceParameters", problem);
        if (edit.Note is { Length: > NoteLength }) problems.Add("Note", t["備考は{0}文字以内にしてください。", NoteLength]);

        if (problems.Ok) read = new Read(baselineYear!.Value, baselineValue!.Value, targetYear!.Value, targetValue!.Value, parameters);
        return problems;
    }

    private int? Year(string? text, string field, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add(field, t["年度を入力してください（例：令和7年度、2025）。"]); return null; }
        if (!JapaneseDates.TryParseFiscalYear(text.Trim(), out var year) || year.StartYear is < 1900 or > 2200)
        {
            problems.Add(field, t["「{0}」は年度として読めません。令和7年度、R7、2025 のように入力してください。", text.Trim()]);
            return null;
        }
        return year.StartYear;
    }

    private decimal? Value(string? text, string field, Problems problems)
    {
        if (string.IsNullOrWhiteSpace(text)) { problems.Add(field, t["値を入力してください（例：41.2）。"]); return null; }
        if (!TryParseNumber(text, out var value)) { problems.Add(field, t["値は数字で入力してください（例：41.2）。"]); return null; }
        return value;
    }

    /// <summary>A figure as people type it: full-width digits and thousands separators allowed (１，２３４．５ → 1234.5).</summary>
    public static bool TryParseNumber(string? text, out decimal value)
    {
        value = 0;
        var normalized = text?.Normalize(NormalizationForm.FormKC).Trim().Replace(",", "", StringComparison.Ordinal);
        return !string.IsNullOrEmpty(normalized)
            && decimal.TryParse(normalized, NumberStyles.Number, CultureInfo.InvariantCulture, out value)
            && Math.Abs(value) <= Largest;
    }

    private static void Apply(Indicator indicator, IndicatorEdit edit, Read? read)
    {
        indicator.Name = edit.Name!.Trim();
        indicator.Unit = edit.Unit!.Trim();
        indicator.Kind = edit.Kind;
        indicator.Direction = edit.Direction;
        indicator.BaselineYear = read!.BaselineYear;
        indicator.BaselineValue = Math.Round(read.BaselineValue, 3);
        indicator.TargetYear = read.TargetYear;
        indicator.TargetValue = Math.Round(read.TargetValue, 3);
        indicator.Source = edit.Source!.Trim();
        indicator.SourceParameters = read.Parameters;
        indicator.Note = string.IsNullOrWhiteSpace(edit.Note) ? null : edit.Note.Trim();
    }
}
