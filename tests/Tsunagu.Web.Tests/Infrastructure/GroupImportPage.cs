using System.Net;
using AngleSharp.Html.Dom;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>The centre's group import page, driven as staff use it: upload for a preview, then commit the previewed upload.</summary>
public static class GroupImportPage
{
    public static async Task<IHtmlDocument> UploadAsync(Browser browser, string city, byte[] content, string fileName)
    {
        var (_, page) = await browser.GetPageAsync($"/{city}/admin/groups/import");
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        var response = await browser.Client.PostAsync($"/{city}/admin/groups/import?handler=Preview", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await Browser.ParseAsync(response);
    }

    /// <summary>The problems the preview lists, as (row, column, message).</summary>
    public static List<(string Row, string Column, string Message)> Problems(IHtmlDocument page) =>
        page.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).Select(c => (c[0], c[1], c[2])).ToList();

    /// <summary>Commits the upload a preview offers; the preview must have found no problem.</summary>
    public static async Task<HttpResponseMessage> CommitAsync(Browser browser, string city, IHtmlDocument preview)
    {
        var uploadId = preview.QuerySelector("input[name=uploadId]")?.GetAttribute("value")
            ?? throw new ShouldAssertException("The preview offers no commit: " + string.Join("\n", Problems(preview).Take(20)));
        return await browser.PostWithTokenAsync($"/{city}/admin/groups/import", $"/{city}/admin/groups/import?handler=Commit", new Dictionary<string, string> { ["uploadId"] = uploadId });
    }
}
