using Microsoft.Playwright;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.EndToEndTests;

public class ConsultationJourneyTests(BrowserFixture app) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Citizen_AsksOnline_StaffTakesItFromReceivedToDone()
    {
        var citizen = await TestData.CreateUserAsync(app.Factory);
        var staff = await TestData.CreateUserAsync(app.Factory, u => u.InCity("yamaguchi", CityRole.CentreStaff).ExemptFromTwoFactor());

        var page = await app.NewPageAsync(width: 375, height: 800);
        await page.SignInAsync(citizen.Email!);
        await page.GotoAsync("/yamaguchi");
        await page.GetByRole(AriaRole.Link, new() { Name = "相談を申し込む" }).ClickAsync();
        await page.AssertAccessibleAsync("c01-request-phone");
        await page.GetByLabel("相談の内容").SelectOptionAsync("Funding");
        await page.GetByLabel("希望する相談の方法").SelectOptionAsync("Email");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "相談したいこと 必須" }).FillAsync("活動資金の助成金を探しています。");
        await page.GetByRole(AriaRole.Button, new() { Name = "申し込む" }).ClickAsync();
        (await page.Locator("main").TextContentAsync() ?? "").ShouldContain("相談の申し込みを受け付けました");
        await page.AssertAccessibleAsync("c02-request-sent");

        var desk = await app.NewPageAsync();
        await desk.SignInAsync(staff.Email!);
        await desk.GotoAsync("/yamaguchi/admin/consultations?status=Received");
        await desk.AssertAccessibleAsync("c03-desk");
        await desk.Locator("main table a").First.ClickAsync();
        (await desk.Locator("h1").TextContentAsync() ?? "").ShouldContain("受付");
        await desk.GetByLabel("メモ").FillAsync("助成金の一覧をメールで送った。");
        await desk.GetByRole(AriaRole.Button, new() { Name = "メモを追加する" }).ClickAsync();
        (await desk.Locator("h1").TextContentAsync() ?? "").ShouldContain("対応中");
        await desk.GetByRole(AriaRole.Combobox, new() { Name = "状態" }).SelectOptionAsync("Done");
        await desk.GetByRole(AriaRole.Button, new() { Name = "更新する" }).ClickAsync();
        (await desk.Locator("h1").TextContentAsync() ?? "").ShouldContain("完了");
        await desk.AssertAccessibleAsync("c04-case-done");

        await desk.GotoAsync("/yamaguchi/admin/consultations/stats");
        await desk.AssertAccessibleAsync("c05-stats");
    }

}
