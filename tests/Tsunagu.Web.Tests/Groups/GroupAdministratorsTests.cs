using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Html.Dom;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

/// <summary>
/// A group's administrators invite others by e-mail; the invited person becomes an administrator only by accepting. The
/// form answers every deliverable address alike, so it tells nobody whether an address has an account.
/// </summary>
public partial class GroupAdministratorsTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string City = "shimonoseki";

    private async Task<(Browser Admin, AppUser AdminUser, int GroupId)> PublishedGroupAsync()
    {
        var user = await TestData.CreateUserAsync(factory);
        var group = await TestData.CreateGroupAsync(factory, City, g => g.Named(TestData.Unique("管理の会"), "かんりのかい")
            .Described("管理者の試験をする団体です。").AdministeredBy(user));
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return (browser, user, group.Id);
    }

    private static Task<HttpResponseMessage> InviteAsync(Browser admin, int groupId, string email) =>
        admin.SubmitAsync($"/{City}/groups/{groupId}/administrators", new Dictionary<string, string> { ["Email"] = email }, "main form[action*=Add]");

    /// <summary>The path of the invitation link in the newest mail to <paramref name="email"/>.</summary>
    private async Task<string> InvitationLinkAsync(string email)
    {
        var mail = await TestData.LastMailToAsync(factory, email);
        mail.Subject.ShouldContain("管理者に招待されました");
        return TestData.FirstLink(mail.Body);
    }

    private static Task<HttpResponseMessage> AnswerAsync(Browser invitee, string link, string answer) =>
        invitee.SubmitAsync(link, new Dictionary<string, string>(), $"main form[action*={answer}]");

    private Task<bool> IsAdministratorAsync(int groupId, string userId) =>
        TestData.WithDbAsync(factory, db => db.Set<GroupAdministrator>().AnyAsync(a => a.GroupId == groupId && a.UserId == userId));

    private Task<GroupAdministratorInvitation> InvitationAsync(string email) =>
        TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters()
            .Where(i => i.Email == email).OrderByDescending(i => i.Id).FirstAsync());

    [Fact]
    public async Task Invite_ARegisteredAndAnUnknownAddress_AnswerIdentically_WithTheSameQueriesAndAMailEach()
    {
        var (_, adminUser, id) = await PublishedGroupAsync();
        var registered = (await TestData.CreateUserAsync(factory)).Email!;
        var unknown = $"nobody-{Guid.NewGuid():N}@example.jp";
        // The server runs each request in the test's flow, so the SQL it sends can be told apart from other tests'.
        using var recorded = factory.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.Configure<TestServerOptions>(o => o.PreserveExecutionContext = true)));
        var browser = new Browser(recorded.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true }));
        await browser.SignInAsync(adminUser.Email!);
        // A first invitation warms up what is done once per process (compiled queries), so the two compared are alike.
        await InviteAsync(browser, id, $"warm-up-{Guid.NewGuid():N}@example.jp");

        async Task<(HttpStatusCode Status, string? Location, string Body, string Page, List<string> Sql)> InviteAndFollowAsync(string email)
        {
            // Only one invitation is open at a time, so the two pages list one each.
            await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().Where(i => i.GroupId == id)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.RevokedAt, DateTime.UtcNow)));
            var (_, form) = await browser.GetPageAsync($"/{City}/groups/{id}/administrators");
            var token = form.QuerySelector("main form[action*=Add] input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var action = form.QuerySelector("main form[action*=Add]")!.GetAttribute("action")!;
            HttpResponseMessage response = null!;
            var sql = await SqlRecorder.RecordAsync(async () =>
                response = await browser.Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = email, ["__RequestVerificationToken"] = token })));
            var body = await response.Content.ReadAsStringAsync();
            var (_, page) = await browser.GetPageAsync(response.Headers.Location!.OriginalString);
            return (response.StatusCode, response.Headers.Location?.OriginalString, body, Comparable(page.DocumentElement.OuterHtml, email), sql);
        }

        var toRegistered = await InviteAndFollowAsync(registered);
        var toUnknown = await InviteAndFollowAsync(unknown);

        toRegistered.Status.ShouldBe(HttpStatusCode.Redirect);
        toUnknown.Status.ShouldBe(toRegistered.Status);
        toUnknown.Location.ShouldBe(toRegistered.Location);
        toUnknown.Body.ShouldBe(toRegistered.Body);
        toUnknown.Page.ShouldBe(toRegistered.Page);
        toRegistered.Page.ShouldContain("招待を送りました。相手が承諾すると管理者に加わります。");
        toRegistered.Page.ShouldContain("ADDRESSへの招待を取り消す");
        toUnknown.Sql.ShouldNotBeEmpty();
        toUnknown.Sql.ShouldBe(toRegistered.Sql, "the same queries, whether or not the address has an account");

        // Both get the same invitation mail (only the link's token differs).
        var toRegisteredMail = await TestData.LastMailToAsync(factory, registered);
        var toUnknownMail = await TestData.LastMailToAsync(factory, unknown);
        toUnknownMail.Subject.ShouldBe(toRegisteredMail.Subject);
        Token().Replace(toUnknownMail.Body, "TOKEN").ShouldBe(Token().Replace(toRegisteredMail.Body, "TOKEN"));
        toRegisteredMail.Body.ShouldContain("http://localhost/shimonoseki/groups/invitations/");
        (await InvitationAsync(unknown)).TokenHash.ShouldNotBe((await InvitationAsync(registered)).TokenHash);
    }

    /// <summary>The page with what differs between two invitations put aside: the address, ids, times, antiforgery tokens.</summary>
    private static string Comparable(string html, string email)
    {
        html = html.Replace(email, "ADDRESS", StringComparison.Ordinal);
        html = Regex.Replace(html, @"(invitationId=)\d+", "$1ID");
        html = Times().Replace(html, "TIME");
        return Regex.Replace(html, @"(name=""__RequestVerificationToken""[^>]*value="")[^""]+", "$1TOKEN");
    }

    [GeneratedRegex(@"\d{4}/\d{2}/\d{2} \d{2}:\d{2}")]
    private static partial Regex Times();

    [GeneratedRegex(@"/groups/invitations/[A-Za-z0-9_-]+")]
    private static partial Regex Token();

    [Fact]
    public async Task Invite_SomeoneAlreadyAnAdministrator_AnswersTheSame_AndNothingChangesWhenTheyAccept()
    {
        var (admin, adminUser, id) = await PublishedGroupAsync();
        var response = await InviteAsync(admin, id, adminUser.Email!);
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        response.Headers.Location!.OriginalString.ShouldBe($"/{City}/groups/{id}/administrators");
        var link = await InvitationLinkAsync(adminUser.Email!);
        (await AnswerAsync(admin, link, "Accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministrator>().CountAsync(a => a.GroupId == id))).ShouldBe(1);
    }

    [Fact]
    public async Task Invite_AnAddressThatIsNotOne_ShowsAnErrorNextToTheField()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var bad = await Browser.ParseAsync(await InviteAsync(admin, id, "not-an-address"));
        bad.QuerySelector("#Email-error")!.TextContent.ShouldContain("形式");
        var empty = await Browser.ParseAsync(await InviteAsync(admin, id, ""));
        empty.QuerySelector("#Email-error")!.TextContent.ShouldContain("入力してください");
    }

    [Fact]
    public async Task NobodyBecomesAnAdministrator_UntilTheyAccept_ThenTheyCanEditTheGroup_AndItIsAudited()
    {
        var (admin, adminUser, id) = await PublishedGroupAsync();
        var (invitee, inviteeUser) = await TestData.SignedInAsync(factory);
        (await InviteAsync(admin, id, inviteeUser.Email!.ToUpperInvariant())).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Invited, not yet an administrator: no row, no role, no access to the group's pages.
        (await IsAdministratorAsync(id, inviteeUser.Id)).ShouldBeFalse();
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().AnyAsync(m => m.UserId == inviteeUser.Id))).ShouldBeFalse();
        (await invitee.GetAsync($"/{City}/groups/register/{id}/activity")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var invitation = await InvitationAsync(inviteeUser.Email!.ToUpperInvariant());
        invitation.InvitedByUserId.ShouldBe(adminUser.Id);
        invitation.NormalizedEmail.ShouldBe(inviteeUser.NormalizedEmail);
        invitation.TokenHash.Length.ShouldBe(64);
        invitation.ExpiresAt.ShouldBe(invitation.CreatedAt.AddDays(7), TimeSpan.FromSeconds(1));
        var (_, adminsPage) = await admin.GetPageAsync($"/{City}/groups/{id}/administrators");
        adminsPage.QuerySelector("main")!.TextContent.ShouldContain(inviteeUser.Email!.ToUpperInvariant());

        // The token is not stored: the link's token hashes to what is.
        var link = await InvitationLinkAsync(inviteeUser.Email!.ToUpperInvariant());
        var token = link.Split('/').Last();
        invitation.TokenHash.ShouldBe(GroupAdministratorInvitation.Hash(token));
        invitation.TokenHash.ShouldNotContain(token);

        // The person sees it on マイページ and on the link's page, and accepts.
        var (_, my) = await invitee.GetPageAsync($"/{City}/my");
        my.QuerySelector($"main a[href='/{City}/groups/invitations']")!.Closest("li")!.TextContent.ShouldContain("対応待ち 1 件");
        var (_, list) = await invitee.GetPageAsync($"/{City}/groups/invitations");
        list.QuerySelectorAll("main form[action*=Accept]").Length.ShouldBe(1);
        var accepted = await AnswerAsync(invitee, link, "Accept");
        accepted.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        accepted.Headers.Location!.OriginalString.ShouldBe($"/{City}/groups/mine");

        (await IsAdministratorAsync(id, inviteeUser.Id)).ShouldBeTrue();
        (await invitee.GetAsync($"/{City}/groups/register/{id}/activity")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var roles = await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().Where(m => m.UserId == inviteeUser.Id).Select(m => m.Role).ToListAsync());
        roles.ShouldBe(new[] { CityRole.GroupAdmin });
        (await InvitationAsync(inviteeUser.Email!.ToUpperInvariant())).AcceptedAt.ShouldNotBeNull();
        // The other administrators are told who joined.
        (await TestData.LastMailToAsync(factory, adminUser.Email!)).Subject.ShouldContain("管理者が加わりました");
        (await invitee.GetPageAsync($"/{City}/my")).Page.QuerySelector($"main a[href='/{City}/groups/invitations']")!.Closest("li")!.TextContent.ShouldNotContain("対応待ち");

        // Every change is in the audit log, with who made it.
        var audit = await TestData.WithDbAsync(factory, db => db.AuditEntries.AsNoTracking()
            .Where(e => e.At >= invitation.CreatedAt.AddSeconds(-1) && (e.UserId == adminUser.Id || e.UserId == inviteeUser.Id)).ToListAsync());
        audit.ShouldContain(e => e.EntityType == nameof(GroupAdministratorInvitation) && e.Action == "create" && e.UserId == adminUser.Id);
        audit.ShouldContain(e => e.EntityType == nameof(GroupAdministratorInvitation) && e.Action == "update" && e.UserId == inviteeUser.Id && e.Changes.Contains("AcceptedAt"));
        audit.ShouldContain(e => e.EntityType == nameof(GroupAdministrator) && e.Action == "create" && e.UserId == inviteeUser.Id);
        audit.ShouldContain(e => e.EntityType == nameof(CityMembership) && e.Action == "create" && e.UserId == inviteeUser.Id);
        audit.ShouldAllBe(e => !e.Changes.Contains(token));

        // The link works once.
        var again = await Browser.ParseAsync(await invitee.GetAsync(link));
        again.QuerySelector("main")!.TextContent.ShouldContain("すでに承諾されています");
        again.QuerySelector("main form[action*=Accept]").ShouldBeNull();
    }

    [Fact]
    public async Task AnUnknownAddress_CreatesAnAccountLater_AndThenAccepts()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var email = $"later-{Guid.NewGuid():N}@example.jp";
        (await InviteAsync(admin, id, email)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var link = await InvitationLinkAsync(email);

        // Opened before there is an account: the page says to sign in, or to register with this address first.
        var visitor = Browser.For(factory);
        var (response, page) = await visitor.GetPageAsync(link);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        page.QuerySelector("main a[href^='/account/signin?ReturnUrl=']")!.GetAttribute("href")!.ShouldBe("/account/signin?ReturnUrl=" + Uri.EscapeDataString(link));
        page.QuerySelector("main a[href='/account/signup']").ShouldNotBeNull();
        page.QuerySelector("main form[action*=Accept]").ShouldBeNull();

        var user = await TestData.CreateUserAsync(factory, u => u.WithEmail(email));
        await visitor.SignInAsync(user.Email!);
        (await AnswerAsync(visitor, link, "Accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsAdministratorAsync(id, user.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task TwoAcceptancesAtOnce_AddOneAdministrator_AndTwoGroupsAtOnce_OneRole()
    {
        var (adminA, _, groupA) = await PublishedGroupAsync();
        var (adminB, _, groupB) = await PublishedGroupAsync();
        var invitee = await TestData.CreateUserAsync(factory);
        await InviteAsync(adminA, groupA, invitee.Email!);
        var linkA = await InvitationLinkAsync(invitee.Email!);
        await InviteAsync(adminB, groupB, invitee.Email!);
        var linkB = await InvitationLinkAsync(invitee.Email!);

        // Four tabs (two browsers), each with the form already open, press "accept" at the same moment.
        var browsers = new[] { Browser.For(factory), Browser.For(factory) };
        foreach (var b in browsers) await b.SignInAsync(invitee.Email!);
        var posts = new List<Func<Task<HttpResponseMessage>>>();
        foreach (var (browser, link) in new[] { (browsers[0], linkA), (browsers[1], linkA), (browsers[0], linkB), (browsers[1], linkB) })
        {
            var (_, page) = await browser.GetPageAsync(link);
            var form = (IHtmlFormElement)page.QuerySelector("main form[action*=Accept]")!;
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            var action = form.GetAttribute("action")!;
            posts.Add(() => browser.Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token })));
        }
        var responses = await Task.WhenAll(posts.Select(p => Task.Run(p)));

        responses.Count(r => r.StatusCode == HttpStatusCode.Redirect).ShouldBe(2);
        foreach (var refused in responses.Where(r => r.StatusCode != HttpStatusCode.Redirect))
        {
            refused.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await refused.Content.ReadAsStringAsync()).ShouldContain("この招待はすでに承諾されています。");
        }
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministrator>().CountAsync(a => a.UserId == invitee.Id && a.GroupId == groupA))).ShouldBe(1);
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministrator>().CountAsync(a => a.UserId == invitee.Id && a.GroupId == groupB))).ShouldBe(1);
        (await TestData.WithDbAsync(factory, db => db.CityMemberships.IgnoreQueryFilters().CountAsync(m => m.UserId == invitee.Id && m.Role == CityRole.GroupAdmin))).ShouldBe(1);
    }

    [Fact]
    public async Task Decline_IsRecorded_AndTheInvitationCanNoLongerBeAccepted()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        var link = await InvitationLinkAsync(user.Email!);

        var declined = await AnswerAsync(invitee, link, "Decline");
        declined.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await InvitationAsync(user.Email!)).DeclinedAt.ShouldNotBeNull();
        (await IsAdministratorAsync(id, user.Id)).ShouldBeFalse();

        var page = await Browser.ParseAsync(await invitee.GetAsync(link));
        page.QuerySelector("main")!.TextContent.ShouldContain("すでに辞退されています");
        var invitationId = (await InvitationAsync(user.Email!)).Id;
        var accept = await invitee.PostWithTokenAsync($"/{City}/groups/invitations", $"/{City}/groups/invitations?handler=Accept&invitationId={invitationId}", new Dictionary<string, string>());
        (await accept.Content.ReadAsStringAsync()).ShouldContain("この招待はすでに辞退されています。");
        (await IsAdministratorAsync(id, user.Id)).ShouldBeFalse();
        // The group's administrators no longer see it waiting.
        (await admin.GetPageAsync($"/{City}/groups/{id}/administrators")).Page.QuerySelector("main form[action*=Revoke]").ShouldBeNull();
    }

    [Fact]
    public async Task AnExpiredInvitation_SaysSo_AndCannotBeAccepted()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        var link = await InvitationLinkAsync(user.Email!);
        var (_, open) = await invitee.GetPageAsync(link);
        var form = (IHtmlFormElement)open.QuerySelector("main form[action*=Accept]")!;
        await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().Where(i => i.Email == user.Email)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, DateTime.UtcNow.AddMinutes(-1))));

        (await Browser.ParseAsync(await invitee.GetAsync(link))).QuerySelector("main")!.TextContent.ShouldContain("有効期限が切れています");
        // The form was open before it expired: pressing it now is refused too.
        var late = await invitee.Client.PostAsync(form.GetAttribute("action")!, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        (await late.Content.ReadAsStringAsync()).ShouldContain("有効期限が切れています");
        (await IsAdministratorAsync(id, user.Id)).ShouldBeFalse();
        (await invitee.GetPageAsync($"/{City}/groups/invitations")).Page.QuerySelector("main form[action*=Accept]").ShouldBeNull();
    }

    [Fact]
    public async Task ARevokedInvitation_SaysSo_AndCannotBeAccepted()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        var link = await InvitationLinkAsync(user.Email!);
        var revoked = await admin.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string>(), "main form[action*=Revoke]");
        revoked.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await InvitationAsync(user.Email!)).RevokedAt.ShouldNotBeNull();

        (await Browser.ParseAsync(await invitee.GetAsync(link))).QuerySelector("main")!.TextContent.ShouldContain("取り消されました");
        var accept = await invitee.PostWithTokenAsync($"/{City}/groups/invitations", $"/{City}/groups/invitations?handler=Accept&invitationId={(await InvitationAsync(user.Email!)).Id}", new Dictionary<string, string>());
        (await accept.Content.ReadAsStringAsync()).ShouldContain("取り消されました");
        (await IsAdministratorAsync(id, user.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task InvitingAgain_ReplacesTheEarlierLink()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        var first = await InvitationLinkAsync(user.Email!);
        await InviteAsync(admin, id, user.Email!);
        var second = await InvitationLinkAsync(user.Email!);
        second.ShouldNotBe(first);
        (await Browser.ParseAsync(await invitee.GetAsync(first))).QuerySelector("main")!.TextContent.ShouldContain("取り消されました");
        (await AnswerAsync(invitee, second, "Accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await IsAdministratorAsync(id, user.Id)).ShouldBeTrue();
    }

    [Fact]
    public async Task SomeoneElseSignedIn_CannotAcceptAnotherPersonsInvitation()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var invited = await TestData.CreateUserAsync(factory);
        await InviteAsync(admin, id, invited.Email!);
        var link = await InvitationLinkAsync(invited.Email!);
        var invitationId = (await InvitationAsync(invited.Email!)).Id;

        var (other, otherUser) = await TestData.SignedInAsync(factory);
        var page = await Browser.ParseAsync(await other.GetAsync(link));
        page.QuerySelector("main")!.TextContent.ShouldContain("別のメールアドレスのアカウントあて");
        page.QuerySelector("main form[action*=Accept]").ShouldBeNull();
        (await other.GetPageAsync($"/{City}/groups/invitations")).Page.QuerySelector("main form[action*=Accept]").ShouldBeNull();
        foreach (var handler in new[] { "Accept", "Decline" })
        {
            var forged = await other.PostWithTokenAsync($"/{City}/groups/invitations", $"/{City}/groups/invitations?handler={handler}&invitationId={invitationId}", new Dictionary<string, string>());
            forged.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await forged.Content.ReadAsStringAsync()).ShouldContain("別のメールアドレスのアカウントあて");
        }
        (await IsAdministratorAsync(id, otherUser.Id)).ShouldBeFalse();
        var invitation = await InvitationAsync(invited.Email!);
        invitation.AcceptedAt.ShouldBeNull();
        invitation.DeclinedAt.ShouldBeNull();

        // Not signed in, answering goes to the sign-in page.
        var anonymous = Browser.For(factory);
        var (_, anonymousPage) = await anonymous.GetPageAsync(link);
        var token = anonymousPage.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var post = await anonymous.Client.PostAsync($"/{City}/groups/invitations?handler=Accept&invitationId={invitationId}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token ?? "" }));
        post.StatusCode.ShouldBeOneOf(HttpStatusCode.Redirect, HttpStatusCode.BadRequest);
        (await InvitationAsync(invited.Email!)).AcceptedAt.ShouldBeNull();
    }

    [Fact]
    public async Task AnInvitationOfAnotherCity_OrAMadeUpLink_IsNotFound()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        var link = await InvitationLinkAsync(user.Email!);
        var (elsewhere, page) = await invitee.GetPageAsync(link.Replace($"/{City}/", "/nagato/", StringComparison.Ordinal));
        elsewhere.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        page.QuerySelector("main")!.TextContent.ShouldContain("この招待は見つかりません");
        (await invitee.GetAsync($"/{City}/groups/invitations/made-up-token")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var accept = await invitee.PostWithTokenAsync("/nagato/groups/invitations", $"/nagato/groups/invitations?handler=Accept&invitationId={(await InvitationAsync(user.Email!)).Id}", new Dictionary<string, string>());
        (await accept.Content.ReadAsStringAsync()).ShouldContain("この招待は見つかりません");
        (await IsAdministratorAsync(id, user.Id)).ShouldBeFalse();
    }

    [Fact]
    public async Task AnAdministrator_RemovesAnother_ButNeverTheLastOne()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (second, secondUser) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, secondUser.Email!);
        (await AnswerAsync(second, await InvitationLinkAsync(secondUser.Email!), "Accept")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        // Either can remove the other, but never the last one.
        (await second.SubmitAsync($"/{City}/groups/{id}/administrators", new Dictionary<string, string>(), "main form[action*=Remove]"))
            .StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, page) = await second.GetPageAsync($"/{City}/groups/{id}/administrators");
        page.QuerySelectorAll("main form[action*=Remove]").Length.ShouldBe(0);
    }

    [Fact]
    public async Task SomeoneWhoIsNotAnAdministrator_GetsNotFound_AndCannotInviteOrRevoke()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (stranger, _) = await TestData.SignedInAsync(factory);
        (await stranger.GetAsync($"/{City}/groups/{id}/administrators")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var invite = await stranger.PostWithTokenAsync($"/{City}/groups/invitations", $"/{City}/groups/{id}/administrators?handler=Add", new Dictionary<string, string> { ["Email"] = "x@example.jp" });
        invite.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().AnyAsync(i => i.GroupId == id))).ShouldBeFalse();

        await InviteAsync(admin, id, $"someone-{Guid.NewGuid():N}@example.jp");
        var invitationId = await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().Where(i => i.GroupId == id).Select(i => i.Id).SingleAsync());
        var revoke = await stranger.PostWithTokenAsync($"/{City}/groups/invitations", $"/{City}/groups/{id}/administrators?handler=Revoke&invitationId={invitationId}", new Dictionary<string, string>());
        revoke.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().Where(i => i.Id == invitationId).Select(i => i.RevokedAt).SingleAsync())).ShouldBeNull();
    }

    [Fact]
    public async Task DeletingTheAccount_TakesTheInvitationsToItsAddressAlong()
    {
        var (admin, _, id) = await PublishedGroupAsync();
        var (invitee, user) = await TestData.SignedInAsync(factory);
        await InviteAsync(admin, id, user.Email!);
        (await invitee.SubmitAsync("/account/delete", new Dictionary<string, string> { ["Password"] = TestData.Password })).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await TestData.WithDbAsync(factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().AnyAsync(i => i.NormalizedEmail == user.NormalizedEmail))).ShouldBeFalse();
    }
}

/// <summary>A factory of its own: the real invitation limit here, not the test default.</summary>
public sealed class GroupInvitationRateLimitTests : IDisposable
{
    private readonly TsunaguFactory _factory = TsunaguFactory.WithSettings(new() { ["Tsunagu:RateLimits:GroupInvitationsPerHour"] = "3" });

    [Fact]
    public async Task Invitations_BeyondTheLimit_AreRefusedWith429_PerPerson()
    {
        async Task<(Browser Browser, int GroupId)> AdministratorAsync()
        {
            var user = await TestData.CreateUserAsync(_factory);
            var group = await TestData.CreateGroupAsync(_factory, "shimonoseki", g => g.AdministeredBy(user));
            var browser = Browser.For(_factory);
            await browser.SignInAsync(user.Email!);
            return (browser, group.Id);
        }

        var (admin, id) = await AdministratorAsync();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await admin.SubmitAsync($"/shimonoseki/groups/{id}/administrators", new Dictionary<string, string> { ["Email"] = $"n{i}-{Guid.NewGuid():N}@example.jp" }, "main form[action*=Add]")).StatusCode);
        statuses.Take(3).ShouldAllBe(s => s == HttpStatusCode.Redirect);
        statuses.Skip(3).ShouldAllBe(s => s == HttpStatusCode.TooManyRequests);
        (await TestData.WithDbAsync(_factory, db => db.Set<GroupAdministratorInvitation>().IgnoreQueryFilters().CountAsync(i => i.GroupId == id))).ShouldBe(3);

        // Reading the page, and the page's other forms, are not counted; another person has their own allowance.
        (await admin.GetAsync($"/shimonoseki/groups/{id}/administrators")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.SubmitAsync($"/shimonoseki/groups/{id}/administrators", new Dictionary<string, string>(), "main form[action*=Revoke]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (other, otherId) = await AdministratorAsync();
        (await other.SubmitAsync($"/shimonoseki/groups/{otherId}/administrators", new Dictionary<string, string> { ["Email"] = $"x-{Guid.NewGuid():N}@example.jp" }, "main form[action*=Add]")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    public void Dispose() => _factory.Dispose();
}
