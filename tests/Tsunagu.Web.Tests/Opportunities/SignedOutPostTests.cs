using System.Net;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Features.Exchange;
using Tsunagu.Web.Features.Opportunities;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Opportunities;

/// <summary>
/// The opportunity and exchange pages are public, their POST handlers are not: a signed-out visitor with a valid antiforgery
/// token (so only the sign-in check can stop them) is sent to sign in, and nothing is written.
/// </summary>
public class SignedOutPostTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private static void ShouldBeSentToSignIn(HttpResponseMessage response, string returnPath)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        // The challenge's redirect is absolute; what matters is where it goes.
        var location = new Uri(new Uri("http://localhost"), response.Headers.Location!).PathAndQuery;
        location.ShouldStartWith("/account/signin?ReturnUrl=", Case.Insensitive);
        Uri.UnescapeDataString(location).ShouldContain(returnPath);
    }

    [Fact]
    public async Task SignedOut_ApplyingForAShift_IsSentToSignIn_AndNoApplicationIsWritten()
    {
        var organiser = await TestData.CreateUserAsync(factory);
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.AdministeredBy(organiser))).Id;
        var (id, shifts) = await TestData.CreateOpportunityAsync(factory, City, o => o.OrganisedBy(groupId));

        var visitor = Browser.For(factory);
        // The public page itself opens, and offers sign-in instead of the form.
        var (_, page) = await visitor.GetPageAsync($"/{City}/opportunities/{id}");
        page.QuerySelector("main form[action*=Apply]").ShouldBeNull();
        page.QuerySelector("main a[href^='/account/signin']").ShouldNotBeNull();

        var response = await visitor.PostWithTokenAsync("/account/signin", $"/{City}/opportunities/{id}?handler=Apply",
            new Dictionary<string, string> { ["ShiftId"] = shifts[0].ToString(CultureInfo.InvariantCulture), ["Message"] = "サインインせずに応募" });
        ShouldBeSentToSignIn(response, $"/{City}/opportunities/{id}");
        (await TestData.WithDbAsync(factory, db => db.Set<ShiftApplication>().IgnoreQueryFilters().AnyAsync(a => a.OpportunityId == id))).ShouldBeFalse();
        (await TestData.WithDbAsync(factory, db => db.Set<Shift>().IgnoreQueryFilters().SingleAsync(s => s.Id == shifts[0]))).Confirmed.ShouldBe(0);
    }

    [Fact]
    public async Task SignedOut_AskingForAnIntroduction_IsSentToSignIn_AndNoRequestIsWritten()
    {
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.GroupAdmin));
        var groupId = (await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("防災の会")).InFields(8).AdministeredBy(admin))).Id;
        var owner = Browser.For(factory);
        await owner.SignInAsync(admin.Email!);
        var posted = await owner.SubmitAsync($"/{City}/exchange/new", new Dictionary<string, string>
        {
            ["Input.GroupId"] = groupId.ToString(CultureInfo.InvariantCulture),
            ["Input.Direction"] = "Need",
            ["Input.Category"] = "Equipment",
            ["Input.Title"] = "発電機を借りたい",
            ["Input.Details"] = "防災訓練で使います。",
            ["Input.Fields"] = "8",
        });
        posted.StatusCode.ShouldBe(HttpStatusCode.Redirect, await posted.Content.ReadAsStringAsync());
        var post = int.Parse(posted.Headers.Location!.OriginalString.Split('/').Last(), CultureInfo.InvariantCulture);

        var visitor = Browser.For(factory);
        (await visitor.GetAsync($"/{City}/exchange/{post}")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var response = await visitor.PostWithTokenAsync("/account/signin", $"/{City}/exchange/{post}?handler=Request",
            new Dictionary<string, string> { ["Input.GroupId"] = groupId.ToString(CultureInfo.InvariantCulture), ["Input.Message"] = "サインインせずに依頼" });
        ShouldBeSentToSignIn(response, $"/{City}/exchange/{post}");
        (await TestData.WithDbAsync(factory, db => db.Set<ExchangeIntroduction>().IgnoreQueryFilters()
            .AnyAsync(i => i.NeedPostId == post || i.OfferPostId == post))).ShouldBeFalse();
    }
}
