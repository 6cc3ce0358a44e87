using System.Net;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Features.Groups;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tests.Infrastructure;

namespace Tsunagu.Web.Tests.Groups;

/// <summary>What the group export writes, the group import reads back: the demo directory, exported, imported again.</summary>
public class GroupTransferTests(TsunaguFactory factory) : IClassFixture<TsunaguFactory>
{
    private async Task<Browser> StaffAsync(string city)
    {
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await scope.ServiceProvider.GetRequiredService<DemoGroups>().SeedAsync();
        var staff = await TestData.CreateUserAsync(factory, u => u.InCity(city, CityRole.CentreStaff).ExemptFromTwoFactor());
        var browser = Browser.For(factory);
        await browser.SignInAsync(staff.Email!);
        return browser;
    }

    private static async Task<byte[]> ExportAsync(Browser browser, string city, string format)
    {
        var response = await browser.GetAsync($"/{city}/admin/groups/export?format={format}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Each row's cells as read back, one line per row, so a difference shows as the row it is in.</summary>
    private static List<string> Rows(byte[] file, string format) =>
        (format == "xlsx" ? SpreadsheetReader.Read(file)!.Rows : CsvFile.Read(file).Rows).Select(r => string.Join(" | ", r.Cells).TrimEnd(' ', '|')).ToList();

    [Theory]
    [InlineData("csv")]
    [InlineData("xlsx")]
    public async Task ExportedDemoGroups_ImportIntoTheEmptiedCity_AllAcceptedAndTheSame(string format)
    {
        // Nagato: groups in districts and its ten district councils.
        const string city = "nagato";
        var browser = await StaffAsync(city);
        var exported = await ExportAsync(browser, city, format);
        var before = Rows(exported, format);
        before.Count.ShouldBeGreaterThan(50);

        await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == city)).ExecuteDeleteAsync());
        var preview = await GroupImportPage.UploadAsync(browser, city, exported, $"groups.{format}");
        GroupImportPage.Problems(preview).ShouldBeEmpty();
        preview.QuerySelector(".notice--success")!.TextContent.ShouldContain($"{before.Count - 1}件の団体を取り込めます");
        (await GroupImportPage.CommitAsync(browser, city, preview)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        Rows(await ExportAsync(browser, city, format), format).ShouldBe(before);
        var councils = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters()
            .Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == city) && g.Type == GroupType.DistrictCouncil).ToListAsync());
        councils.Count.ShouldBe(10);
        councils.ShouldAllBe(c => c.CouncilDistrictId != null, "each council keeps its district (and so its district's figures)");
    }

    [Fact]
    public async Task XlsxExport_HasTheMemberCountAsANumber_AndTheFoundingDateAsADate()
    {
        const string city = "muroran";
        var browser = await StaffAsync(city);
        var xlsx = await ExportAsync(browser, city, "xlsx");
        var headings = SpreadsheetReader.Read(xlsx)!.Rows[0].Cells.ToList();
        var (name, members, founded) = (SpreadsheetWriter.ColumnName(0), SpreadsheetWriter.ColumnName(headings.IndexOf("会員数")), SpreadsheetWriter.ColumnName(headings.IndexOf("設立日")));

        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var cells = workbook.WorksheetParts.Single().Worksheet.Descendants<Cell>().ToDictionary(c => c.CellReference!.Value!);
        var strings = workbook.SharedStringTablePart!.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToList();
        var styles = workbook.WorkbookStylesPart!.Stylesheet;
        var groups = await TestData.WithDbAsync(factory, db => db.Groups.IgnoreQueryFilters().Where(g => db.Cities.Any(c => c.Id == g.CityId && c.Slug == city)).ToListAsync());
        groups.Count.ShouldBeGreaterThan(40);
        for (var row = 2; row <= groups.Count + 1; row++)
        {
            var group = groups.Single(g => g.Name == strings[int.Parse(cells[$"{name}{row}"].CellValue!.Text, CultureInfo.InvariantCulture)]);

            var count = cells[$"{members}{row}"];
            (count.DataType is null || count.DataType.Value == CellValues.Number).ShouldBeTrue($"{members}{row} is a number");
            int.Parse(count.CellValue!.Text, CultureInfo.InvariantCulture).ShouldBe(group.MemberCount!.Value);

            var date = cells[$"{founded}{row}"];
            (date.DataType is null || date.DataType.Value == CellValues.Number).ShouldBeTrue($"{founded}{row} is a date serial number");
            var format = styles.CellFormats!.Elements<CellFormat>().ElementAt((int)date.StyleIndex!.Value).NumberFormatId!.Value;
            styles.NumberingFormats!.Elements<NumberingFormat>().Single(f => f.NumberFormatId!.Value == format).FormatCode!.Value.ShouldBe("yyyy/mm/dd");
            DateOnly.FromDateTime(DateTime.FromOADate(double.Parse(date.CellValue!.Text, CultureInfo.InvariantCulture))).ShouldBe(group.FoundedOn!.Value);
        }
    }
}
