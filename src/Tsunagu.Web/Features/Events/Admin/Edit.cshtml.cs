using System.ComponentModel.DataAnnotations;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events.Admin;

/// <summary>Centre staff create an event with its meetings, or change one; every problem is shown next to its field.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public partial class EditModel(EventService events, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public const int MeetingRows = 6;

    [BindProperty] public InputModel Input { get; set; } = new();

    public class MeetingInput
    {
        [Display(Name = "日付")]
        public DateOnly? Date { get; set; }

        [Display(Name = "開始時刻")]
        public TimeOnly? StartTime { get; set; }

        [Display(Name = "終了時刻")]
        public TimeOnly? EndTime { get; set; }
    }

    public class InputModel
    {
        [Display(Name = "タイトル")]
        [Required(ErrorMessage = "タイトルを入力してください。")]
        [StringLength(100, ErrorMessage = "タイトルは100文字以内にしてください。")]
        public string Title { get; set; } = "";

        [Display(Name = "内容")]
        [Required(ErrorMessage = "内容を入力してください。")]
        [StringLength(4000, ErrorMessage = "内容は4,000文字以内にしてください。")]
        public string Description { get; set; } = "";

        [Display(Name = "種類")]
        public EventKind Kind { get; set; }

        [Display(Name = "会場")]
        [StringLength(200, ErrorMessage = "会場は200文字以内にしてください。")]
        public string? Place { get; set; }

        [Display(Name = "オンライン参加用のリンク")]
        [StringLength(500, ErrorMessage = "リンクは500文字以内にしてください。")]
        public string? OnlineLink { get; set; }

        [Display(Name = "定員")]
        [Required(ErrorMessage = "定員を入力してください。")]
        public int? Capacity { get; set; }

        [Display(Name = "参加費（円）")]
        public int? Fee { get; set; }

        [Display(Name = "受付開始日")]
        [Required(ErrorMessage = "受付開始日を入力してください。")]
        public DateOnly? OpensDate { get; set; }

        [Display(Name = "受付開始時刻")]
        public TimeOnly? OpensTime { get; set; }

        [Display(Name = "申込締切日")]
        [Required(ErrorMessage = "申込締切日を入力してください。")]
        public DateOnly? ClosesDate { get; set; }

        [Display(Name = "申込締切時刻")]
        public TimeOnly? ClosesTime { get; set; }

        [Display(Name = "手話通訳あり")]
        public bool SignLanguage { get; set; }

        [Display(Name = "要約筆記あり")]
        public bool Captioning { get; set; }

        [Display(Name = "託児あり")]
        public bool Childcare { get; set; }

        public List<MeetingInput> Meetings { get; set; } = [];
    }

    public Event? Existing { get; private set; }

    public List<SelectListItem> KindChoices => [.. Enum.GetValues<EventKind>().Select(k => new SelectListItem(KindName(t, k), k.ToString()))];

    public static string KindName(Text t, EventKind k) => k switch
    {
        EventKind.Course => t["講座・研修"],
        EventKind.Exchange => t["交流会"],
        EventKind.OnlineExchange => t["オンライン交流会"],
        EventKind.ActivityReport => t["活動報告会"],
        _ => t["出前講座・お気軽講座"],
    };

    public async Task<IActionResult> OnGetAsync(int? id)
    {
        if (id is { } existingId)
        {
            Existing = await events.FindAsync(existingId, HttpContext.RequestAborted);
            if (Existing is null) return NotFound();
            var e = Existing;
            var (od, ot) = Local(e.RegistrationOpensAt);
            var (cd, ctime) = Local(e.RegistrationClosesAt);
            Input = new InputModel
            {
                Title = e.Title, Description = e.Description, Kind = e.Kind, Place = e.Place, OnlineLink = e.OnlineLink, Capacity = e.Capacity, Fee = e.Fee,
                OpensDate = od, OpensTime = ot, ClosesDate = cd, ClosesTime = ctime, SignLanguage = e.SignLanguage, Captioning = e.Captioning, Childcare = e.Childcare,
                Meetings = [.. e.Meetings.Select(m => new MeetingInput { Date = Local(m.StartsAt).Date, StartTime = Local(m.StartsAt).Time, EndTime = Local(m.EndsAt).Time })],
            };
        }
        Pad();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int? id)
    {
        var ct = HttpContext.RequestAborted;
        if (id is { } existingId)
        {
            Existing = await events.FindAsync(existingId, ct);
            if (Existing is null) return NotFound();
        }
        var rows = new List<int>();
        var meetings = new List<(DateTime, DateTime)>();
        for (var i = 0; i < Input.Meetings.Count; i++)
        {
            var m = Input.Meetings[i];
            if (m.Date is null && m.StartTime is null && m.EndTime is null) continue;
            var prefix = $"Input.Meetings[{i}]";
            if (ModelState.TryGetValue(prefix + ".Date", out var d) && d.Errors.Count > 0) continue;
            if (m.Date is null) { ModelState.AddModelError(prefix + ".Date", t["第{0}回の日付を入力してください。", rows.Count + 1]); continue; }
            if (m.StartTime is null) { ModelState.AddModelError(prefix + ".StartTime", t["第{0}回の開始時刻を入力してください。", rows.Count + 1]); continue; }
            if (m.EndTime is null) { ModelState.AddModelError(prefix + ".EndTime", t["第{0}回の終了時刻を入力してください。", rows.Count + 1]); continue; }
            rows.Add(i);
            meetings.Add((Utc(m.Date.Value, m.StartTime.Value), Utc(m.Date.Value, m.EndTime.Value)));
        }
        if (ModelState.IsValid)
        {
            var draft = new EventDraft(Input.Title ?? "", Input.Description ?? "", Input.Kind, Input.Place, Input.OnlineLink, Input.Capacity!.Value,
                Utc(Input.OpensDate!.Value, Input.OpensTime ?? new TimeOnly(0, 0)), Utc(Input.ClosesDate!.Value, Input.ClosesTime ?? new TimeOnly(23, 59)),
                Input.SignLanguage, Input.Captioning, Input.Childcare, Input.Fee ?? 0, meetings);
            var errors = Existing is null ? events.Validate(draft) : await events.UpdateAsync(Existing.Id, draft, ct);
            Event? created = null;
            if (errors.Count == 0 && Existing is null) (created, errors) = await events.CreateAsync(draft, users.GetUserId(User), ct);
            foreach (var (field, message) in errors) ModelState.AddModelError(FieldKey(field, rows), message);
            if (errors.Count == 0)
            {
                TempData["Notice"] = Existing is null ? "イベントを作成しました。" : "イベントを保存しました。";
                return Redirect($"/{city.Required.Slug}/admin/events");
            }
        }
        Pad();
        return Page();
    }

    /// <summary>Service field names to form keys: meeting numbers among the filled rows to the rows on the form.</summary>
    private static string FieldKey(string field, List<int> rows)
    {
        var m = MeetingField().Match(field);
        if (m.Success) return $"Input.Meetings[{rows[int.Parse(m.Groups[1].Value)]}].{m.Groups[2].Value}";
        return field switch
        {
            "RegistrationClosesAt" => "Input.ClosesDate",
            "Meetings" => "Input.Meetings[0].Date",
            _ => "Input." + field,
        };
    }

    private void Pad()
    {
        while (Input.Meetings.Count < MeetingRows) Input.Meetings.Add(new MeetingInput());
    }

    private static DateTime Utc(DateOnly date, TimeOnly time) => Display.ToUtc(date, time);

    private static (DateOnly Date, TimeOnly Time) Local(DateTime utc)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(utc, Display.TokyoZone);
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    [GeneratedRegex(@"^Meetings\[(\d+)\]\.(\w+)$")]
    private static partial Regex MeetingField();
}
