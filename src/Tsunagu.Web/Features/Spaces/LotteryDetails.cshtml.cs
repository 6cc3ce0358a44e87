using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// A lottery, public: its period and deadline, entering (signed in), the hash of its seed from the start, and after the
/// draw the seed and the log, both checked on the page (the seed against the hash, the order recomputed from the seed).
/// </summary>
public class LotteryDetailsModel(LotteryService lotteries, SpaceService spaces, TsunaguDb db, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public Lottery Lottery { get; private set; } = null!;
    public string RoomName { get; private set; } = "";
    public int Entries { get; private set; }
    public List<LotteryEntry> Mine { get; private set; } = [];
    /// <summary>Once drawn: whether the revealed seed hashes to the published hash (null for draws from before seeds were committed to).</summary>
    public bool? HashMatches { get; private set; }
    /// <summary>Once drawn: whether the order recomputed from the seed over the published entry numbers is the published order.</summary>
    public bool OrderMatches { get; private set; }
    /// <summary>Once drawn: the entry numbers of the published log, smallest first (what a check starts from).</summary>
    public List<int> PublishedEntries { get; private set; } = [];

    [BindProperty] public EntryInput Input { get; set; } = new();
    /// <summary>"As a person" and the groups the person administers, when there are any.</summary>
    public List<SelectListItem> GroupChoices { get; private set; } = [];

    public class EntryInput
    {
        [Display(Name = "利用する団体")] public int? GroupId { get; set; }
        [Display(Name = "日付")] public DateOnly? Date { get; set; }
        [Display(Name = "開始時刻")] public TimeOnly? Start { get; set; }
        [Display(Name = "終了時刻")] public TimeOnly? End { get; set; }
        [Display(Name = "利用目的")][StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Purpose { get; set; }
    }

    public async Task<IActionResult> OnGetAsync(int id) => await LoadAsync(id) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(int id)
    {
        // The page is public; entering is not (Razor Pages ignore [Authorize] on a handler).
        if (User.Identity?.IsAuthenticated != true) return Challenge();
        if (!await LoadAsync(id)) return NotFound();
        // The service checks every field and says it once per field.
        ModelState.Clear();
        var problems = await lotteries.EnterAsync(Lottery, users.GetUserId(User)!, new LotteryService.Entry(Input.GroupId, Input.Date, Input.Start, Input.End, Input.Purpose),
            HttpContext.RequestAborted);
        ModelState.AddProblems(problems);
        if (!problems.Ok) return Page();
        TempData["Notice"] = "抽選に申し込みました。結果はメールでお知らせします。";
        return Redirect($"/{city.Required.Slug}/spaces/lotteries/{id}");
    }

    private async Task<bool> LoadAsync(int id)
    {
        var ct = HttpContext.RequestAborted;
        if (await db.Set<Lottery>().AsNoTracking().FirstOrDefaultAsync(l => l.Id == id, ct) is not { } lottery) return false;
        // A lottery opened before seeds were committed to gets its seed (and publishes its hash) now.
        await lotteries.CommitSeedAsync(lottery, ct);
        Lottery = lottery;
        RoomName = await db.Set<Room>().Where(r => r.Id == lottery.RoomId).Select(r => r.Name).FirstAsync(ct);
        Entries = await db.Set<LotteryEntry>().CountAsync(e => e.LotteryId == id, ct);
        if (users.GetUserId(User) is { } userId)
        {
            Mine = await db.Set<LotteryEntry>().AsNoTracking().Where(e => e.LotteryId == id && e.UserId == userId).OrderBy(e => e.StartsAt).ToListAsync(ct);
            var groups = await spaces.GroupsAdministeredAsync(userId, ct);
            if (groups.Count > 0)
                GroupChoices = [new(t["（個人として利用する）"], ""), .. groups.Select(g => new SelectListItem(g.Name, g.Id.ToString(CultureInfo.InvariantCulture)))];
        }
        if (lottery is { Status: LotteryStatus.Drawn, Log: { } log })
        {
            (HashMatches, OrderMatches) = await lotteries.VerifyAsync(lottery, ct);
            PublishedEntries = [.. LotteryService.PublishedOrder(log).Order()];
        }
        return true;
    }
}
