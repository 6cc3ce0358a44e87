using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Exchange.Admin;

/// <summary>
/// Centre staff introduce a post's group to a counterpart (a post of the other direction, or a group directly),
/// answering a request when there is one; both groups' administrators are e-mailed.
/// </summary>
[Authorize(Policy = Policies.CentreStaff)]
public class IntroduceModel(ExchangePosts posts, ExchangeIntroductions introductions, UserManager<AppUser> users, CurrentCity city, Text t) : PageModel
{
    public sealed class IntroduceInput
    {
        [Display(Name = "紹介のもとになる投稿")]
        [Required(ErrorMessage = "紹介のもとになる投稿を選んでください。")]
        public int? PostId { get; set; }

        [Display(Name = "紹介する相手の投稿")]
        public int? CounterpartPostId { get; set; }

        [Display(Name = "または、紹介する相手の団体")]
        public int? CounterpartGroupId { get; set; }

        [Display(Name = "両方の団体へのメッセージ")]
        [Required(ErrorMessage = "両方の団体へのメッセージを入力してください。")]
        [StringLength(1000, ErrorMessage = "メッセージは1000文字以内で入力してください。")]
        public string Note { get; set; } = "";

        public int? RequestId { get; set; }
    }

    [BindProperty] public IntroduceInput Input { get; set; } = new();
    public ExchangeIntroduction? Answering { get; private set; }
    public List<SelectListItem> PostItems { get; private set; } = [];
    public List<SelectListItem> CounterpartPostItems { get; private set; } = [];
    public List<SelectListItem> GroupItems { get; private set; } = [];
    public List<ExchangePosts.Suggestion> Suggestions { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int? request, int? post)
    {
        if (request is { } requestId)
        {
            Answering = await introductions.FindIntroductionAsync(requestId, HttpContext.RequestAborted);
            if (Answering is null || !Answering.IsRequestOnly || Answering.Outcome != IntroductionOutcome.Pending) return NotFound();
            // The request is about one post; the requesting group is the counterpart unless staff pick one of its posts.
            var requestedPost = Answering.NeedPostId ?? Answering.OfferPostId;
            Input = new IntroduceInput
            {
                RequestId = Answering.Id,
                PostId = requestedPost,
                CounterpartGroupId = Answering.NeedPostId is null ? Answering.NeedGroupId : Answering.OfferGroupId,
            };
        }
        else Input.PostId = post;
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (Input.RequestId is { } requestId && (Answering = await introductions.FindIntroductionAsync(requestId, HttpContext.RequestAborted)) is null) return NotFound();
        if (Input.CounterpartPostId is null && Input.CounterpartGroupId is null)
            ModelState.AddModelError("Input.CounterpartPostId", t["紹介する相手の投稿か団体を選んでください。"]);
        if (ModelState.IsValid)
        {
            var introduced = await introductions.IntroduceAsync(new ExchangeIntroductions.IntroductionInput(
                Input.PostId!.Value, Input.CounterpartPostId, Input.CounterpartGroupId, Input.Note, Input.RequestId), users.GetUserId(User)!, HttpContext.RequestAborted);
            if (introduced is { Ok: true, Value: { } introduction })
            {
                TempData["Notice"] = "両方の団体に紹介のメールを送りました。結果がわかったら記録してください。";
                return Redirect($"/{city.Required.Slug}/admin/exchange/introductions/{introduction.Id}");
            }
            ModelState.AddProblems(introduced.Problems);
        }
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        var ct = HttpContext.RequestAborted;
        var open = await introductions.OpenPostsAsync(ct);
        string Label(ExchangePost p) => $"[{t[ExchangeTexts.DirectionShort(p.Direction)]}・{t[ExchangeTexts.Category(p.Category)]}] {p.Group!.Name}：{p.Title}";
        string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
        PostItems = [new(t["（選んでください）"], ""), .. open.Select(p => new SelectListItem(Label(p), Id(p.Id)))];
        CounterpartPostItems = [new(t["（選ばない）"], ""), .. open.Select(p => new SelectListItem(Label(p), Id(p.Id)))];
        GroupItems = [new(t["（選ばない）"], ""), .. (await introductions.PublishedGroupsAsync(ct)).Select(g => new SelectListItem(g.Name, Id(g.Id)))];
        if (Input.PostId is { } postId && open.FirstOrDefault(p => p.Id == postId) is { } chosen)
        {
            chosen = await posts.FindAsync(chosen.Id, ct) ?? chosen;
            Suggestions = await posts.SuggestionsAsync(chosen, ct: ct);
        }
    }
}
