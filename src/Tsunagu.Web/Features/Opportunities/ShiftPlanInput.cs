using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Opportunities;

/// <summary>The shift fields of a form (first date, times, places, repetition), shared by posting and adding shifts.</summary>
public class ShiftPlanInput
{
    [Display(Name = "日付")]
    public DateOnly? Date { get; set; }

    [Display(Name = "開始時刻")]
    public TimeOnly? Start { get; set; }

    [Display(Name = "終了時刻")]
    public TimeOnly? End { get; set; }

    [Display(Name = "募集人数")]
    public int? Places { get; set; }

    [Display(Name = "繰り返し")]
    public Repeat Repeat { get; set; }

    [Display(Name = "回数")]
    public int? Count { get; set; }

    public OpportunityService.ShiftPlan ToPlan() => new(Date, Start, End, Places, Repeat, Count);

    public static List<SelectListItem> RepeatChoices(Text t) =>
    [
        new(t["繰り返さない（1回だけ）"], nameof(Repeat.None)), new(t["毎週"], nameof(Repeat.Weekly)),
        new(t["隔週"], nameof(Repeat.Biweekly)), new(t["毎月（同じ日）"], nameof(Repeat.Monthly)),
    ];

    /// <summary>Plans the shifts and puts each problem next to its field under <paramref name="prefix"/>.</summary>
    public List<(DateTime StartsAt, DateTime EndsAt)>? Plan(OpportunityService service, ModelStateDictionary state, string prefix)
    {
        // A value the browser sent but that is not a date, time or number already has its message from binding.
        foreach (var key in new[] { "Date", "Start", "End", "Places", "Count" })
            if (state.TryGetValue($"{prefix}.{key}", out var entry) && entry.Errors.Count > 0) return null;
        var problems = service.PlanShifts(ToPlan(), out var shifts);
        state.AddProblems(problems, prefix);
        return problems.Ok ? shifts : null;
    }
}
