using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Localization;

namespace Tsunagu.Web.Features.Errors;

[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class ErrorModel(Text t) : PageModel
{
    public string Title { get; private set; } = "";
    public string Message { get; private set; } = "";
    /// <summary>The page whose form was refused, to choose a smaller file there (413 only).</summary>
    public string? BackUrl { get; private set; }

    public void OnGet(int? status) => Describe(status);
    public void OnPost(int? status) => Describe(status);

    private void Describe(int? status)
    {
        var code = status ?? 500;
        // Keep the original status so the re-executed page does not turn a 404 into a 200.
        if (HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>() is null && status is null)
            Response.StatusCode = 500;
        var reExecuted = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IStatusCodeReExecuteFeature>();
        if (code == 413 && reExecuted is not null) BackUrl = reExecuted.OriginalPathBase + reExecuted.OriginalPath;
        (Title, Message) = code switch
        {
            400 => (t["リクエストを処理できませんでした"], t["フォームの有効期限が切れた可能性があります。前のページに戻り、もう一度お試しください。"]),
            403 => (t["このページを表示する権限がありません"], t["必要な役割でサインインしているか確認してください。"]),
            413 => (t["送られたファイルが大きすぎます"], t["ファイル（または入力）が、このページで受け付ける大きさを超えているため、受け取りませんでした。ページに書かれている大きさ（「2MBまで」など）より小さいファイルを選んで、もう一度お試しください。"]),
            404 => (t["ページが見つかりません"], t["URLが正しいか確認してください。都市はURLの名前（例：/shimonoseki）または正しい団体コードで開けます。"]),
            429 => (t["操作が多すぎます"], t["しばらく待ってから、もう一度お試しください。"]),
            _ => (t["エラーが発生しました"], t["時間をおいて、もう一度お試しください。"]),
        };
    }
}
