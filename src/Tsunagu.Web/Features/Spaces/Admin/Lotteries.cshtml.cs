using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces.Admin;

/// <summary>Lotteries for popular rooms: start taking entries for a period, and draw once the entries close.</summary>
[Authorize(Policy = Policies.CentreStaff)]
public class LotteriesModel(LotteryService lotteries, SpaceService spaces, TsunaguDb db, CurrentCity city, Text t) : PageModel
{
    public List<Lottery> Lotteries { get; private set; } = [];
    public List<SelectListItem> RoomChoices { get; private set; } = [];

    [BindProperty] public LotteryInput NewLottery { get; set; } = new();

    public class LotteryInput
    {
        [Display(Name = "部屋")] public int RoomId { get; set; }
        [Display(Name = "抽選の名前")][StringLength(200, ErrorMessage = "{0}は{1}文字以内で入力してください。")] public string? Title { get; set; }
        [Display(Name = "対象期間の初日")] public DateOnly? From { get; set; }
        [Display(Name = "対象期間の最終日")] public DateOnly? To { get; set; }
        [Display(Name = "申し込みの締め切り日")] public DateOnly? Closes { get; set; }
    }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostAsync()
    {
        if (ModelState.IsValid)
        {
            var problems = await lotteries.CreateAsync(NewLottery.RoomId, NewLottery.Title ?? "", NewLottery.From, NewLottery.To, NewLottery.Closes, HttpContext.RequestAborted);
            ModelState.AddProblems(problems, nameof(NewLottery));
            if (problems.Ok)
            {
                TempData["Notice"] = "抽選の受付を始めました。";
                return Redirect($"/{city.Required.Slug}/admin/spaces/lotteries");
            }
        }
        await LoadAsync();
        return Page();
    }

    /// <summary>Draws with the seed committed to when the lottery was opened: nothing posted here can choose it.</summary>
    public async Task<IActionResult> OnPostDrawAsync(int id)
    {
        if (await db.Set<Lottery>().FirstOrDefaultAsync(l => l.Id == id) is not { } lottery) return NotFound();
        var error = await lotteries.DrawAsync(lottery, HttpContext.RequestAborted);
        TempData["Notice"] = error ?? "抽選しました。結果を申込者にメールで知らせました。";
        return Redirect(error is null ? $"/{city.Required.Slug}/spaces/lotteries/{id}#result" : $"/{city.Required.Slug}/admin/spaces/lotteries");
    }

    private async Task LoadAsync()
    {
        Lotteries = await lotteries.ListAsync(HttpContext.RequestAborted);
        // Lotteries opened before seeds were committed to get theirs as soon as staff see them.
        foreach (var lottery in Lotteries.Where(l => l.Status == LotteryStatus.Open && l.SeedHash is null))
            await lotteries.CommitSeedAsync(lottery, HttpContext.RequestAborted);
        RoomChoices = [new(t["（選んでください）"], "0"), .. (await spaces.RoomsAsync(HttpContext.RequestAborted)).Select(r => new SelectListItem(r.Name, r.Id.ToString(CultureInfo.InvariantCulture)))];
    }
}
