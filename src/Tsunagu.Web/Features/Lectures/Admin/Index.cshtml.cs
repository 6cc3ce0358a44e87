using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Lectures.Admin;

/// <summary>Centre staff keep the lecture catalogue and answer requests: schedule, decline, record as given.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IndexModel(LectureService lectures, TsunaguDb db, CurrentCity city) : PageModel
{
    public sealed record Row(LectureRequest Request, string Topic, string? Requester);

    public List<LectureTopic> Topics { get; private set; } = [];
    public List<Row> Requests { get; private set; } = [];

    [BindProperty] public TopicInput NewTopic { get; set; } = new();

    public class TopicInput
    {
        [Display(Name = "講座名")]
        [Required(ErrorMessage = "講座名を入力してください。")]
        [StringLength(200, ErrorMessage = "講座名は200文字以内にしてください。")]
        public string? Title { get; set; }

        [Display(Name = "内容")]
        [Required(ErrorMessage = "内容を入力してください。")]
        [StringLength(2000, ErrorMessage = "内容は2,000文字以内にしてください。")]
        public string? Description { get; set; }

        [Display(Name = "講師（担当課など）")]
        [Required(ErrorMessage = "講師を入力してください。")]
        [StringLength(200, ErrorMessage = "講師は200文字以内にしてください。")]
        public string? Speaker { get; set; }

        [Display(Name = "時間（分）")]
        [Range(10, 600, ErrorMessage = "時間は10〜600分で入力してください。")]
        public int Minutes { get; set; } = 60;

        [Display(Name = "対象")]
        [StringLength(200, ErrorMessage = "対象は200文字以内にしてください。")]
        public string? Audience { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostTopicAsync()
    {
        if (!ModelState.IsValid)
        {
            await LoadAsync();
            return Page();
        }
        db.Add(new LectureTopic { Title = NewTopic.Title!.Trim(), Description = NewTopic.Description!.Trim(), Speaker = NewTopic.Speaker!.Trim(), Minutes = NewTopic.Minutes, Audience = NewTopic.Audience?.Trim(), CreatedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        TempData["Notice"] = "講座を追加しました。";
        return Redirect($"/{city.Required.Slug}/admin/lectures");
    }

    public async Task<IActionResult> OnPostUpdateAsync(int id, LectureRequestStatus status, DateOnly? date, TimeOnly? time, int? attended, string? note)
    {
        if (await db.Set<LectureRequest>().FirstOrDefaultAsync(r => r.Id == id) is not { } request) return NotFound();
        DateTime? at = date is { } d && time is { } t ? Tsunagu.Web.Shared.Display.ToUtc(d, t) : null;
        var error = await lectures.UpdateAsync(request, status, at, attended, note, HttpContext.RequestAborted);
        TempData["Notice"] = error ?? "申し込みを更新し、申込者に知らせました。";
        return Redirect($"/{city.Required.Slug}/admin/lectures#requests");
    }

    private async Task LoadAsync()
    {
        Topics = await lectures.CatalogueAsync(all: true, HttpContext.RequestAborted);
        Requests = [.. (await (from r in db.Set<LectureRequest>().AsNoTracking()
                               join t in db.Set<LectureTopic>() on r.TopicId equals t.Id
                               join u in db.Users on r.RequesterUserId equals u.Id
                               orderby r.CreatedAt descending
                               select new { r, t.Title, Who = u.DisplayName + "（" + u.Email + "）" }).Take(200).ToListAsync())
            .Select(x => new Row(x.r, x.Title, x.Who))];
    }
}
