using System.Net;
using AngleSharp.Html.Dom;

namespace Tsunagu.Web.Tests.Infrastructure;

/// <summary>An import page (the centre's groups, the city's departments and districts), driven as staff use it: upload for a preview, then commit the previewed upload.</summary>
public static class GroupImportPage
{
    public static Task<IHtmlDocument> UploadAsync(Browser browser, string city, byte[] content, string fileName) =>
        UploadToAsync(browser, $"/{city}/admin/groups/import", content, fileName);

    /// <summary>Uploads to any import page that previews first (groups, departments, districts).</summary>
    public static async Task<IHtmlDocument> UploadToAsync(Browser browser, string path, byte[] content, string fileName)
    {
        var (_, page) = await browser.GetPageAsync(path);
        var token = page.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var form = new MultipartFormDataContent
        {
            { new StringContent(token), "__RequestVerificationToken" },
            { new ByteArrayContent(content), "file", fileName },
        };
        var response = await browser.Client.PostAsync($"{path}?handler=Preview", form);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await Browser.ParseAsync(response);
    }

    /// <summary>The problems the preview lists, as (row, column, message).</summary>
    public static List<(string Row, string Column, string Message)> Problems(IHtmlDocument page) =>
        page.QuerySelectorAll("table.import-problems tbody tr")
            .Select(r => r.QuerySelectorAll("td").Select(td => td.TextContent).ToArray()).Select(c => (c[0], c[1], c[2])).ToList();

    /// <summary>Commits the upload a preview offers; the preview must have found no problem.</summary>
    public static Task<HttpResponseMessage> CommitAsync(Browser browser, string city, IHtmlDocument preview) =>
        CommitAtAsync(browser, $"/{city}/admin/groups/import", preview);

    public static async Task<HttpResponseMessage> CommitAtAsync(Browser browser, string path, IHtmlDocument preview)
    {
        var uploadId = preview.QuerySelector("input[name=uploadId]")?.GetAttribute("value")
            ?? throw new ShouldAssertException("The preview offers no commit: " + string.Join("\n", Problems(preview).Take(20)));
        return await browser.PostWithTokenAsync(path, $"{path}?handler=Commit", new Dictionary<string, string> { ["uploadId"] = uploadId });
    }
}
