using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Features.Spaces;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// The event form, shared by centre staff (create, edit) and a group's administrators (propose, revise): its fields, the
/// meetings read row by row, the service's field names mapped back to the form, and the choices of room and group.
/// </summary>
public abstract class EventFormModel(TsunaguDb db, Text t) : PageModel
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

        [Display(Name = "センターの部屋")]
        public int? RoomId { get; set; }

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

        [Display(Name = "申し込める方")]
        public EventEligibility Eligibility { get; set; }

        [Display(Name = "申し込める団体")]
        public int? EligibleGroupId { get; set; }

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

    /// <summary>The event being changed; null while creating.</summary>
    public Event? Existing { get; protected set; }

    /// <summary>The group proposing (its form): no 出前講座, and "one group only" means this group.</summary>
    public Groups.Group? ForGroup { get; protected set; }

    public abstract string Heading { get; }
    public abstract string SubmitLabel { get; }

    public List<SelectListItem> KindChoices =>
        [.. Enum.GetValues<EventKind>().Where(k => ForGroup is null || k != EventKind.OnRequestLecture).Select(k => new SelectListItem(EventTexts.Kind(t, k), k.ToString()))];

    public List<SelectListItem> RoomChoices { get; private set; } = [];
    public List<SelectListItem> GroupChoices { get; private set; } = [];

    public List<SelectListItem> EligibilityChoices =>
    [
        new(t["どなたでも（つなぐへの登録が必要です）"], nameof(EventEligibility.Anyone)),
        new(t["市内に住んでいる方・通勤・通学している方"], nameof(EventEligibility.Residents)),
        new(t["登録団体の方"], nameof(EventEligibility.GroupMembers)),
        new(ForGroup is null ? t["特定の団体の方"] : t["「{0}」の方", ForGroup.Name], nameof(EventEligibility.OneGroup)),
    ];

    protected async Task LoadChoicesAsync(CancellationToken ct)
    {
        RoomChoices = [new(t["使わない"], ""), .. (await db.Set<Room>().AsNoTracking().OrderBy(r => r.SortOrder).ThenBy(r => r.Id).ToListAsync(ct))
            .Select(r => new SelectListItem(t["{0}（定員{1}人）", r.Name, r.Capacity], r.Id.ToString(CultureInfo.InvariantCulture)))];
        if (ForGroup is null)
            GroupChoices = [new(t["選んでください"], ""), .. (await db.Groups.AsNoTracking().Where(g => g.Status == GroupStatus.Approved).OrderBy(g => g.NameKana)
                .Select(g => new { g.Id, g.Name }).ToListAsync(ct)).Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))];
        Pad();
    }

    protected void Fill(Event e)
    {
        var (od, ot) = Local(e.RegistrationOpensAt);
        var (cd, ctime) = Local(e.RegistrationClosesAt);
        Input = new InputModel
        {
            Title = e.Title,
            Description = e.Description,
            Kind = e.Kind,
            RoomId = e.RoomId,
            Place = e.Place,
            OnlineLink = e.OnlineLink,
            Capacity = e.Capacity,
            Fee = e.Fee,
            Eligibility = e.Eligibility,
            EligibleGroupId = e.EligibleGroupId,
            OpensDate = od,
            OpensTime = ot,
            ClosesDate = cd,
            ClosesTime = ctime,
            SignLanguage = e.SignLanguage,
            Captioning = e.Captioning,
            Childcare = e.Childcare,
            Meetings = [.. e.Meetings.Select(m => new MeetingInput { Date = Local(m.StartsAt).Date, StartTime = Local(m.StartsAt).Time, EndTime = Local(m.EndsAt).Time })],
        };
    }

    /// <summary>The form as a draft, or null when a field could not be read (its message is in the model state); <paramref name="rows"/> maps meeting numbers to form rows.</summary>
    protected EventDraft? ReadDraft(out List<int> rows)
    {
        rows = [];
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
            meetings.Add((Display.ToUtc(m.Date.Value, m.StartTime.Value), Display.ToUtc(m.Date.Value, m.EndTime.Value)));
        }
        if (!ModelState.IsValid) return null;
        return new EventDraft(Input.Title ?? "", Input.Description ?? "", Input.Kind, Input.Place, Input.OnlineLink, Input.Capacity!.Value,
            Display.ToUtc(Input.OpensDate!.Value, Input.OpensTime ?? new TimeOnly(0, 0)), Display.ToUtc(Input.ClosesDate!.Value, Input.ClosesTime ?? new TimeOnly(23, 59)),
            Input.SignLanguage, Input.Captioning, Input.Childcare, Input.Fee ?? 0, meetings, Input.RoomId, Input.Eligibility, Input.EligibleGroupId);
    }

    /// <summary>A service's field to the form's: meeting numbers among the filled rows to the rows on the form (for <c>ModelState.AddProblems</c>).</summary>
    protected static string FormField(string field, List<int> rows) => field switch
    {
        "RegistrationClosesAt" => "ClosesDate",
        "Meetings" => "Meetings[0].Date",
        _ => MeetingFields.Renumber(field, i => rows[i]),
    };

    protected void Pad()
    {
        while (Input.Meetings.Count < MeetingRows) Input.Meetings.Add(new MeetingInput());
    }

    private static (DateOnly Date, TimeOnly Time) Local(DateTime utc)
    {
        var local = Display.ToTokyo(utc);
        return (DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }
}

/// <summary>How events' kinds, statuses and places read.</summary>
public static class EventTexts
{
    public static string Kind(Text t, EventKind k) => k switch
    {
        EventKind.Course => t["講座・研修"],
        EventKind.Exchange => t["交流会"],
        EventKind.OnlineExchange => t["オンライン交流会"],
        EventKind.ActivityReport => t["活動報告会"],
        _ => t["出前講座・お気軽講座"],
    };

    public static string Status(Text t, EventStatus s) => s switch
    {
        EventStatus.Published => t["公開中"],
        EventStatus.Cancelled => t["中止"],
        EventStatus.PendingApproval => t["承認待ち"],
        _ => t["見送り"],
    };

    /// <summary>Who may register, as the event page says it.</summary>
    public static string Eligibility(Text t, Event e, string cityName) => e.Eligibility switch
    {
        EventEligibility.Residents => t["{0}に住んでいる方、市内に通勤・通学している方", cityName],
        EventEligibility.GroupMembers => t["登録団体の方（つなぐで団体の管理者になっている方）"],
        EventEligibility.OneGroup => t["「{0}」の方（つなぐでこの団体の管理者になっている方）", e.EligibleGroup?.Name ?? ""],
        _ => t["どなたでも（つなぐへの登録が必要です）"],
    };
}
