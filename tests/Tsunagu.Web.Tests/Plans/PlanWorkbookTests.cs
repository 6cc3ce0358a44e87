using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Plans;
using Tsunagu.Web.Features.Plans.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Plans;

public class PlanWorkbookTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private async Task<Browser> ManagerAsync(string city)
    {
        var user = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.PlanManager).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(user.Email!);
        return browser;
    }

    private static async Task<HttpResponseMessage> UploadAsync(Browser browser, string city, byte[] xlsx)
    {
        var (_, page) = await browser.GetPageAsync($"/{city}/admin/plans");
        var form = new MultipartFormDataContent
        {
            { new StringContent(page.QuerySelector("main form[action*=Import] input[name=__RequestVerificationToken]")!.GetAttribute("value")!), "__RequestVerificationToken" },
        };
        var file = new ByteArrayContent(xlsx);
        file.Headers.ContentType = new MediaTypeHeaderValue(XlsxType);
        form.Add(file, "file", "plan.xlsx");
        return await browser.Client.PostAsync($"/{city}/admin/plans?handler=Import", form);
    }

    private static async Task<List<(string Where, string Message)>> ProblemsAsync(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var page = await Browser.ParseAsync(response);
        page.QuerySelector("#file-error")!.TextContent.ShouldContain("問題があるため、取り込みませんでした");
        return page.QuerySelectorAll("main table[aria-labelledby=problems] tbody tr").Select(r => (r.Children[0].TextContent, r.Children[1].TextContent)).ToList();
    }

    /// <summary>A workbook as someone might make it by hand: each sheet's rows, null or "" for an empty cell, every text an inline string.</summary>
    private static byte[] Workbook(params (string Name, string?[][] Rows)[] sheets)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var list = workbook.Workbook.AppendChild(new Sheets());
            foreach (var (name, rows) in sheets)
            {
                var part = workbook.AddNewPart<WorksheetPart>();
                var data = new SheetData();
                foreach (var (cells, r) in rows.Select((c, r) => (c, r)))
                {
                    var row = new Row { RowIndex = (uint)(r + 1) };
                    foreach (var (value, c) in cells.Select((v, c) => (v, c)).Where(x => !string.IsNullOrEmpty(x.v)))
                        row.Append(new Cell { CellReference = $"{(char)('A' + c)}{r + 1}", DataType = CellValues.InlineString, InlineString = new InlineString(new Text(value!)) });
                    data.Append(row);
                }
                part.Worksheet = new Worksheet(data);
                list.Append(new Sheet { Id = workbook.GetIdOfPart(part), SheetId = (uint)(list.ChildElements.Count + 1), Name = name });
            }
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>The exported workbook with one cell of a sheet replaced by text.</summary>
    private static byte[] WithCell(byte[] xlsx, string sheetName, string reference, string text)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbook = document.WorkbookPart!;
            var sheet = workbook.Workbook.Descendants<Sheet>().Single(s => s.Name == sheetName);
            var cell = ((WorksheetPart)workbook.GetPartById(sheet.Id!)).Worksheet.Descendants<Cell>().Single(c => c.CellReference == reference);
            cell.CellValue = null;
            cell.DataType = CellValues.InlineString;
            cell.InlineString = new InlineString(new Text(text));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    [Theory]
    [InlineData("yamaguchi", "kyodo-jikko-h25", 4)]
    [InlineData("shimonoseki", "shiminkatsudo-5", null)]
    [InlineData("nagato", "kyodo-action-2", null)]
    public async Task ExportXlsx_ThenImport_GivesTheSamePlanBack(string city, string key, int? roots)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoPlans>().SeedAsync();
        var manager = await ManagerAsync(city);
        var (_, list) = await manager.GetPageAsync($"/{city}/admin/plans");
        list.QuerySelectorAll("main table a").Select(a => a.GetAttribute("href")).ShouldContain($"/{city}/admin/plans?handler=ExportXlsx&key={key}");

        var exported = await manager.Client.GetAsync($"/{city}/admin/plans?handler=ExportXlsx&key={key}");
        exported.Content.Headers.ContentType!.MediaType.ShouldBe(XlsxType);
        var xlsx = await exported.Content.ReadAsByteArrayAsync();
        var copy = $"{key}-xlsx";
        var response = await UploadAsync(manager, city, WithCell(xlsx, "計画", "A2", copy));
        if (response.StatusCode == HttpStatusCode.OK)
            throw new ShouldAssertException(string.Join("\n", (await ProblemsAsync(response)).Select(p => $"{p.Where}: {p.Message}")));
        response.Headers.Location!.OriginalString.ShouldBe($"/{city}/plans/{copy}");

        var original = JsonNode.Parse(await manager.Client.GetStringAsync($"/{city}/admin/plans?handler=Export&key={key}"))!;
        var again = JsonNode.Parse(await manager.Client.GetStringAsync($"/{city}/admin/plans?handler=Export&key={copy}"))!;
        again["key"] = key;
        JsonNode.DeepEquals(original, again).ShouldBeTrue();
        if (roots is { } count) again["nodes"]!.AsArray().Count.ShouldBe(count);
    }

    [Fact]
    public async Task Import_BadWorkbook_ListsEveryProblemBySheetRowAndColumn_AndImportsNothing()
    {
        var manager = await ManagerAsync("muroran");
        var xlsx = Workbook(
            ("計画", [["キー", "計画名", "初年度", "最終年度", "階層"], ["bad-xlsx", "問題のある計画", "R8", "R12", "方針>施策"]]),
            ("項目",
            [
                ["番号", "上位番号", "名前", "担当課", "R8", "R9", "R13"],
                ["1", "", "方針1"],
                ["1-(1)", "1", "施策A", "存在しない課", "実施", "がんばる", "実施"],
                ["1-(1)", "1", "施策Aの重複"],
                ["2-(1)", "9", "上のない施策"],
                ["A", "B", "循環A"],
                ["B", "A", "循環B"],
                ["", "1", "番号のない施策"],
            ]),
            ("指標", [["項目番号", "指標名", "単位", "向き", "基準年度", "基準値", "目標年度", "目標値"], ["1", "指標", "%", "上がる", "R7", "たくさん", "R12", "50"]]));
        var problems = await ProblemsAsync(await UploadAsync(manager, "muroran", xlsx));
        var text = string.Join("\n", problems.Select(p => $"{p.Where}: {p.Message}"));
        problems.ShouldContain(p => p.Where == "項目!3 列「担当課」" && p.Message.Contains("存在しない課"), text);
        problems.ShouldContain(p => p.Where == "項目!4 列「番号」" && p.Message.Contains("重複しています（項目!3）"), text);
        problems.ShouldContain(p => p.Where == "項目!3 列「R13」" && p.Message.Contains("計画期間"), text);
        problems.ShouldContain(p => p.Where == "項目!3 列「R9」" && p.Message.Contains("がんばる"), text);
        problems.ShouldContain(p => p.Where == "項目!5 列「上位番号」" && p.Message.Contains("「9」がありません"), text);
        problems.ShouldContain(p => p.Where == "項目!6 列「上位番号」" && p.Message.Contains("循環"), text);
        problems.ShouldContain(p => p.Where == "項目!7 列「上位番号」" && p.Message.Contains("循環"), text);
        problems.ShouldContain(p => p.Where == "項目!8 列「番号」" && p.Message.Contains("番号を入力"), text);
        problems.ShouldContain(p => p.Where == "指標!2 列「向き」" && p.Message.Contains("上がる"), text);
        problems.ShouldContain(p => p.Where == "指標!2 列「基準値」" && p.Message.Contains("数字"), text);
        problems.Count(p => p.Where == "項目!8 列「番号」").ShouldBe(1, text);
        problems.Count(p => p.Where == "指標!2 列「基準値」").ShouldBe(1, text);
        (await TestData.WithDbAsync(factory, db => db.Set<Plan>().IgnoreQueryFilters().AnyAsync(p => p.Key == "bad-xlsx"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_WorkbookSavedByJapaneseExcel_TakesTheTextsWithoutTheirFurigana()
    {
        var manager = await ManagerAsync("muroran");
        var xlsx = JapaneseExcel.Workbook(
            ("計画", [["キー", "計画名", "初年度", "最終年度", "階層"], ["yamada-furigana", "山田の森づくり計画", "R8", "R12", "方針"]]),
            ("項目", [["番号", "上位番号", "名前", "内容"], ["1", "", "山田の森を守る", "山田地区の森を計画的に手入れします。"]]));
        var response = await UploadAsync(manager, "muroran", xlsx);
        if (response.StatusCode == HttpStatusCode.OK)
            throw new ShouldAssertException(string.Join("\n", (await ProblemsAsync(response)).Select(p => $"{p.Where}: {p.Message}")));
        response.Headers.Location!.OriginalString.ShouldBe("/muroran/plans/yamada-furigana");

        var plan = JsonNode.Parse(await manager.Client.GetStringAsync("/muroran/admin/plans?handler=Export&key=yamada-furigana"))!;
        plan["title"]!.GetValue<string>().ShouldBe("山田の森づくり計画", "not 山田ヤマダの森モリづくり計画ケイカク");
        plan["nodes"]![0]!["title"]!.GetValue<string>().ShouldBe("山田の森を守る");
        plan["nodes"]![0]!["content"]!.GetValue<string>().ShouldBe("山田地区の森を計画的に手入れします。");
    }

    [Fact]
    public async Task Import_WorkbookWithoutItemsSheetOrColumn_IsRefusedWithAClearMessage()
    {
        var manager = await ManagerAsync("muroran");
        string?[][] plan = [["キー", "計画名", "初年度", "最終年度", "階層"], ["no-items", "項目のない計画", "R8", "R12", "方針"]];

        var noSheet = await ProblemsAsync(await UploadAsync(manager, "muroran", Workbook(("計画", plan), ("Sheet1", [["番号", "上位番号", "名前"], ["1", "", "方針1"]]))));
        noSheet.ShouldContain(p => p.Where == "項目" && p.Message.Contains("シート「項目」がありません"));

        var noColumn = await ProblemsAsync(await UploadAsync(manager, "muroran", Workbook(("計画", plan), ("項目", [["番号", "上位番号", "題名"], ["1", "", "方針1"]]))));
        noColumn.ShouldContain(p => p.Where == "項目!1 列「名前」" && p.Message.Contains("「名前」の列がありません"));

        var notWorkbook = await ProblemsAsync(await UploadAsync(manager, "muroran", "PK\u0003\u0004 not really a zip"u8.ToArray()));
        notWorkbook.ShouldContain(p => p.Where == "ファイル" && p.Message.Contains("Excelファイル（.xlsx）として読み取れません"));
        (await TestData.WithDbAsync(factory, db => db.Set<Plan>().IgnoreQueryFilters().AnyAsync(p => p.Key == "no-items"))).ShouldBeFalse();
    }

    [Fact]
    public async Task Import_WorkbookPastTheReadersLimits_IsRefusedWithItsMessage_AndImportsNothing()
    {
        var manager = await ManagerAsync("muroran");
        string?[][] plan = [["キー", "計画名", "初年度", "最終年度", "階層"], ["too-big", "大きすぎる計画", "R8", "R12", "方針"]];

        var inflating = await ProblemsAsync(await UploadAsync(manager, "muroran", Spreadsheets.SpreadsheetLimitsTests.InflatingWorkbook()));
        inflating.ShouldContain(p => p.Where == "ファイル" && p.Message.Contains("ファイルの中身が大きすぎる"));

        string?[][] manyRows = [["番号", "上位番号", "名前"], .. Enumerable.Range(1, 20_001).Select(i => new string?[] { $"{i}", "", $"方針{i}" })];
        var rows = await ProblemsAsync(await UploadAsync(manager, "muroran", Workbook(("計画", plan), ("項目", manyRows))));
        rows.ShouldContain(p => p.Where == "ファイル" && p.Message.Contains("シート「項目」の行が多すぎます"));

        var repeated = await ProblemsAsync(await UploadAsync(manager, "muroran", Workbook(("計画", plan), ("項目", [["番号", "上位番号", "名前", "名前"], ["1", "", "方針1", "方針一"]]))));
        repeated.ShouldContain(p => p.Where == "項目!1 列「名前」" && p.Message.Contains("見出し「名前」の列が2つあります（C列とD列）"));
        (await TestData.WithDbAsync(factory, db => db.Set<Plan>().IgnoreQueryFilters().AnyAsync(p => p.Key == "too-big"))).ShouldBeFalse();
    }
}
