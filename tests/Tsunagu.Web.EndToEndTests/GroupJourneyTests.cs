using Microsoft.Playwright;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class GroupJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Citizen_Applies_StaffReturns_CitizenCorrects_StaffApproves_GroupIsFoundInTheDirectory()
    {
        var citizen = await TestData.CreateUserAsync(app.Factory);
        var staff = await TestData.CreateUserAsync(app.Factory, u => u.InCity("nagato", CityRole.CentreStaff).ExemptFromTwoFactor());
        var name = $"仙崎みなと清掃隊{Guid.NewGuid():N}"[..12];

        var page = await app.NewPageAsync();
        await page.SignInAsync(citizen.Email!);
        await page.GotoAsync("/nagato");
        await page.GetByRole(AriaRole.Link, new() { Name = "団体の登録を申請する" }).First.ClickAsync();
        await page.AssertAccessibleAsync("g01-register-start");
        await page.GetByRole(AriaRole.Button, new() { Name = "申請を始める" }).ClickAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();
        (await page.Locator(".error-summary").IsVisibleAsync()).ShouldBeTrue();
        await page.AssertAccessibleAsync("g02-about-errors");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "団体名 必須", Exact = true }).FillAsync(name);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "団体名のふりがな 必須" }).FillAsync("せんざきみなとせいそうたい");
        await page.GetByLabel("団体の種類").SelectOptionAsync("VolunteerGroup");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "活動内容 必須" }).FillAsync("仙崎の海岸を毎月清掃しています。");
        await page.GetByLabel("環境保全").CheckAsync();
        await page.GetByLabel("湊").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();

        await page.AssertAccessibleAsync("g03-activity");
        await page.GetByLabel("いまボランティアを募集している").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();

        await page.AssertAccessibleAsync("g04-contact");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "代表者の氏名 必須" }).FillAsync("仙崎 花子");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "代表者のメールアドレス 必須" }).FillAsync(citizen.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();

        await page.AssertAccessibleAsync("g05-check");
        await page.GetByLabel("センターの利用規約に同意します").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で申請する" }).ClickAsync();
        await page.AssertAccessibleAsync("g06-mine");

        // Centre staff return it with a comment.
        var staffPage = await app.NewPageAsync();
        await staffPage.SignInAsync(staff.Email!);
        await staffPage.GotoAsync("/nagato/admin/groups");
        await staffPage.AssertAccessibleAsync("g07-review-queue");
        await staffPage.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await staffPage.AssertAccessibleAsync("g08-review-detail");
        await staffPage.GetByLabel("修正をお願いする").CheckAsync();
        await staffPage.GetByLabel("申請者へのコメント").FillAsync("活動場所を書いてください。");
        await staffPage.GetByRole(AriaRole.Button, new() { Name = "判断を送る" }).ClickAsync();

        // The citizen corrects it and applies again.
        await page.GotoAsync("/nagato/groups/mine");
        await page.GetByRole(AriaRole.Link, new() { Name = "申請内容を確認・修正する" }).ClickAsync();
        (await page.Locator(".notice--warning").TextContentAsync() ?? "").ShouldContain("活動場所を書いてください。");
        await page.GetByRole(AriaRole.Link, new() { Name = "活動の様子の回答を変更する" }).ClickAsync();
        await page.GetByLabel("活動場所").FillAsync("仙崎海岸");
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();
        await page.GetByLabel("センターの利用規約に同意します").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "この内容で申請する" }).ClickAsync();

        await staffPage.GotoAsync("/nagato/admin/groups");
        await staffPage.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        await staffPage.GetByLabel("承認して公開する").CheckAsync();
        await staffPage.GetByRole(AriaRole.Button, new() { Name = "判断を送る" }).ClickAsync();

        // Anyone finds it by part of its name, in katakana.
        var visitor = await app.NewPageAsync();
        await visitor.GotoAsync("/nagato/groups");
        await visitor.GetByRole(AriaRole.Searchbox, new() { Name = "キーワード" }).FillAsync("セイソウ");
        await visitor.GetByRole(AriaRole.Button, new() { Name = "検索する" }).ClickAsync();
        await visitor.AssertAccessibleAsync("g09-directory");
        await visitor.GetByRole(AriaRole.Link, new() { Name = name }).ClickAsync();
        (await visitor.Locator("h1").TextContentAsync()).ShouldBe(name);
        var groupUrl = visitor.Url;
        (await visitor.Locator("main").TextContentAsync() ?? "").ShouldContain("仙崎海岸");
        await visitor.AssertAccessibleAsync("g10-group-page");
        await visitor.GotoAsync("/nagato/groups/statistics");
        await visitor.AssertAccessibleAsync("g11-statistics");

        // The same public data is in the API, without the representative's contact.
        var api = await visitor.APIRequest.GetAsync($"/api/v1/nagato/groups?q={Uri.EscapeDataString("みなと")}");
        var json = await api.TextAsync();
        json.ShouldContain(name);
        json.ShouldNotContain("仙崎 花子");

        // The citizen, now the group's administrator, keeps its profile current and adds a logo.
        await page.GotoAsync("/nagato/groups/mine");
        await page.GetByRole(AriaRole.Link, new() { Name = "登録内容を確認・変更する" }).ClickAsync();
        await page.AssertAccessibleAsync("g12-admin-check");
        await page.GetByRole(AriaRole.Link, new() { Name = "活動の様子の回答を変更する" }).ClickAsync();
        await page.GetByLabel("活動日時").FillAsync("毎月第1日曜日 8時から");
        await page.GetByLabel("ロゴ画像").SetInputFilesAsync(new FilePayload { Name = "logo.png", MimeType = "image/png", Buffer = LogoPng });
        await page.GetByRole(AriaRole.Button, new() { Name = "保存して次へ" }).ClickAsync();
        await page.AssertAccessibleAsync("g13-admin-saved");
        await visitor.GotoAsync(groupUrl);
        (await visitor.Locator("main").TextContentAsync() ?? "").ShouldContain("毎月第1日曜日 8時から");
        (await visitor.Locator("main img.group-logo").EvaluateAsync<int>("img => img.naturalWidth")).ShouldBe(2);

        // Yearly renewal: the centre asks, the administrator confirms.
        await staffPage.GotoAsync("/nagato/admin/groups/renewal");
        await staffPage.AssertAccessibleAsync("g14-renewal");
        await staffPage.GetByRole(AriaRole.Button, new() { Name = "更新を始めて確認をお願いする" }).ClickAsync();
        (await staffPage.Locator("main").TextContentAsync() ?? "").ShouldContain("確認待ち");
        await page.GotoAsync("/nagato/groups/mine");
        await page.AssertAccessibleAsync("g15-mine-renewal");
        await page.GetByRole(AriaRole.Button, new() { Name = "登録内容を確認しました（変更なし）" }).ClickAsync();
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("登録内容の確認を受け付けました");
    }

    [Fact]
    public async Task Administrator_InvitesSomeone_WhoAcceptsFromTheMail_AndOnlyThenBecomesAnAdministrator()
    {
        var admin = await TestData.CreateUserAsync(app.Factory);
        var group = await TestData.CreateGroupAsync(app.Factory, "nagato", g => g.Named(TestData.Unique("青海島の会"), "おうみじまのかい").AdministeredBy(admin));
        var invitee = await TestData.CreateUserAsync(app.Factory, u => u.DisplayName = "青海 次郎");

        var page = await app.NewPageAsync();
        await page.SignInAsync(admin.Email!);
        await page.GotoAsync("/nagato/groups/mine");
        await page.GetByRole(AriaRole.Link, new() { Name = "団体の管理者を招待・削除する" }).ClickAsync();
        await page.AssertAccessibleAsync("g16-administrators");
        await page.GetByLabel("招待する人のメールアドレス").FillAsync(invitee.Email!);
        await page.GetByRole(AriaRole.Button, new() { Name = "招待を送る" }).ClickAsync();
        (await page.Locator("main .notice").TextContentAsync() ?? "").ShouldContain("招待を送りました。相手が承諾すると管理者に加わります。");
        (await page.Locator("main table").Last.TextContentAsync() ?? "").ShouldContain(invitee.Email!);
        await page.AssertAccessibleAsync("g17-invitation-sent");

        // The invited person opens the link in the mail on a phone, signs in from there and accepts.
        var link = TestData.FirstLink((await TestData.LastMailToAsync(app.Factory, invitee.Email!)).Body);
        var phone = await app.NewPageAsync(375, 812);
        await phone.GotoAsync(link);
        await phone.AssertAccessibleAsync("g18-invitation-signed-out");
        await phone.GetByRole(AriaRole.Link, new() { Name = "サインインして返事をする" }).ClickAsync();
        await phone.GetByLabel("メールアドレス").FillAsync(invitee.Email!);
        await phone.GetByLabel("パスワード").FillAsync(TestData.Password);
        await phone.GetByRole(AriaRole.Button, new() { Name = "サインイン" }).Last.ClickAsync();
        await phone.WaitForURLAsync("**" + link);
        await phone.AssertAccessibleAsync("g19-invitation");
        await phone.GetByRole(AriaRole.Button, new() { Name = $"「{group.Name}」の管理者になる（承諾）" }).ClickAsync();
        await phone.WaitForURLAsync("**/nagato/groups/mine");
        (await phone.Locator("main").TextContentAsync() ?? "").ShouldContain(group.Name);
        await phone.AssertAccessibleAsync("g20-invitation-accepted");

        // The inviter now sees them among the administrators, and no invitation waiting.
        await page.ReloadAsync();
        (await page.Locator("main table").First.TextContentAsync() ?? "").ShouldContain("青海 次郎");
        (await page.Locator("main").TextContentAsync() ?? "").ShouldNotContain("返事を待っている招待");
    }

    /// <summary>A real 2×1 PNG, so the browser can draw it.</summary>
    private static readonly byte[] LogoPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAABCAYAAAD0In+KAAAAEUlEQVR4nGOQilnw//91hv8AE5gE60vsOCoAAAAASUVORK5CYII=");

}
