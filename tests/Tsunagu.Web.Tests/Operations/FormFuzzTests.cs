using System.Net;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Tsunagu.Web.Data;
using Tsunagu.Web.Data.Demo;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Tsunagu.Web.Tests.Operations;

/// <summary>
/// Walks the site as an anonymous visitor, a citizen and a platform administrator (who passes every staff check), over
/// the demo data of one city, and sends every form it finds with hostile values: everything empty, every text far
/// longer than any column, control characters, dates at the calendar's edges, numbers out of range, and each text field
/// alone too long while the others keep sensible values (so the value gets as far as the database). Links with a query
/// string are followed with the same values in the query. Nothing may answer 500, and afterwards no text in the
/// database may be longer than its column allows (SQLite does not enforce lengths; PostgreSQL would have answered 500).
/// </summary>
public partial class FormFuzzTests(ITestOutputHelper output)
{
    private const string City = "muroran";
    private const int PagesPerPersona = 260;
    private static readonly string Overlong = string.Concat(Enumerable.Repeat("長い文字列", 1200));

    private sealed record Variant(string Name, Func<IElement, string?> Value);

    [Fact]
    public async Task EveryForm_WithHostileValues_NeverAnswers500_AndNoTextOutgrowsItsColumn()
    {
        using var factory = new TsunaguFactory();
        await factory.EnsurePreparedAsync();
        using (var scope = factory.Services.CreateScope()) await DemoData.SeedAllAsync(scope.ServiceProvider);
        var citizen = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.Citizen).ExemptFromTwoFactor());
        var admin = await TestData.CreateUserAsync(factory, u => u.InCity(City, CityRole.Citizen).ExemptFromTwoFactor().AsPlatformAdmin());

        var failures = new List<string>();
        var forms = 0;
        var posts = 0;
        foreach (var (persona, email) in new[] { ("anonymous", (string?)null), ("citizen", citizen.Email), ("admin", admin.Email) })
        {
            var crawl = new Crawl(factory, email, failures);
            await crawl.SignInAsync();
            await crawl.RunAsync(["/", $"/{City}", $"/{City}/admin", "/account", "/admin", $"/{City}/my"]);
            output.WriteLine($"{persona}: {crawl.Pages} pages, {crawl.Forms} forms, {crawl.Posts} requests with hostile values, answered "
                + string.Join(", ", crawl.Answers.OrderBy(a => a.Key).Select(a => $"{a.Key}×{a.Value}")));
            forms += crawl.Forms;
            posts += crawl.Posts;
        }
        failures.AddRange(await TextsLongerThanTheirColumnsAsync(factory));

        failures.ShouldBeEmpty(string.Join("\n\n", failures.Take(30)));
        forms.ShouldBeGreaterThan(60, "the walk found too few forms to prove anything");
        output.WriteLine($"{forms} forms, {posts} hostile requests");
    }

    /// <summary>Every string column with a maximum length, checked row by row for a longer value.</summary>
    private static async Task<List<string>> TextsLongerThanTheirColumnsAsync(TsunaguFactory factory)
    {
        var found = new List<string>();
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        var lengthFunction = TsunaguFactory.Provider == DatabaseProvider.Postgres ? "char_length" : "length";
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && !e.IsOwned()))
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties().Where(p => p.ClrType == typeof(string) && p.GetMaxLength() is not null))
            {
                var column = property.GetColumnName();
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE {lengthFunction}(\"{column}\") > {property.GetMaxLength()}";
                var count = Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
                if (count > 0) found.Add($"{table}.{column}: {count} value(s) longer than {property.GetMaxLength()} were saved (a form let them through)");
            }
        }
        return found;
    }

    private sealed partial class Crawl(TsunaguFactory factory, string? email, List<string> failures)
    {
        private readonly Browser _browser = Browser.For(factory);
        private readonly HashSet<string> _seen = [];
        private readonly Dictionary<string, int> _shapes = [];
        private readonly HashSet<string> _formsSent = [];
        public int Pages { get; private set; }
        public int Forms { get; private set; }
        public int Posts { get; private set; }
        /// <summary>How the server answered the hostile requests, by status code: a walk that only met 400s proved nothing.</summary>
        public Dictionary<int, int> Answers { get; } = [];

        public async Task SignInAsync()
        {
            if (email is not null) await _browser.SignInAsync(email);
        }

        public async Task RunAsync(IEnumerable<string> start)
        {
            var queue = new Queue<string>(start);
            while (queue.Count > 0 && Pages < PagesPerPersona)
            {
                var url = queue.Dequeue();
                if (!_seen.Add(url)) continue;
                var response = await _browser.GetAsync(url);
                Pages++;
                if (await IsServerErrorAsync(response, $"GET {url}")) continue;
                if (response.StatusCode != HttpStatusCode.OK || response.Content.Headers.ContentType?.MediaType != "text/html") continue;
                var page = await Browser.ParseAsync(response);
                foreach (var link in Links(url, page)) if (Worth(link)) queue.Enqueue(link);
                foreach (var form in page.QuerySelectorAll("form").Cast<IHtmlFormElement>()) await SendAsync(url, form);
                await HostileQueriesAsync(url);
            }
        }

        /// <summary>One page per shape of address (digits taken as ids), a second for a different query: the walk stays short.</summary>
        private bool Worth(string url)
        {
            if (_seen.Contains(url)) return false;
            if (SkippedPath().IsMatch(url)) return false;
            if (!url.StartsWith($"/{City}", StringComparison.Ordinal) && !url.StartsWith("/account", StringComparison.Ordinal)
                && !url.StartsWith("/admin", StringComparison.Ordinal) && url != "/") return false;
            var shape = Digits().Replace(url.Split('?')[0], "#") + (url.Contains('?', StringComparison.Ordinal) ? "?" : "");
            _shapes.TryGetValue(shape, out var count);
            if (count >= 2) return false;
            _shapes[shape] = count + 1;
            return true;
        }

        /// <summary>The page's links within the site, relative ones (`?week=…`) resolved against the page.</summary>
        private static IEnumerable<string> Links(string pageUrl, IHtmlDocument page)
        {
            var pageUri = new Uri(Site, pageUrl);
            foreach (var href in page.QuerySelectorAll("a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (!Uri.TryCreate(pageUri, href, out var target) || target.Host != Site.Host) continue;
                yield return target.PathAndQuery;
            }
        }

        private static readonly Uri Site = new("http://localhost");

        private async Task SendAsync(string pageUrl, IHtmlFormElement form)
        {
            var action = new Uri(new Uri(Site, pageUrl), string.IsNullOrEmpty(form.GetAttribute("action")) ? pageUrl : form.GetAttribute("action")!).PathAndQuery;
            if (!string.Equals(form.Method, "post", StringComparison.OrdinalIgnoreCase)) action = action.Split('?')[0];
            if (SkippedAction().IsMatch(action)) return;
            var fields = form.QuerySelectorAll("input[name], textarea[name], select[name]")
                .Where(f => f.GetAttribute("name") != "__RequestVerificationToken" && f.GetAttribute("type") is not ("submit" or "button" or "file"))
                .ToList();
            var isGet = string.Equals(form.Method, "get", StringComparison.OrdinalIgnoreCase);
            var key = (isGet ? "GET " : "POST ") + Digits().Replace(action, "#") + " " + string.Join(",", fields.Select(f => f.GetAttribute("name")));
            if (!_formsSent.Add(key)) return;
            Forms++;
            var token = form.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
            var submit = form.QuerySelector("button[name][type=submit], button[name]:not([type])");
            foreach (var variant in Variants)
                await SendOnceAsync(action, isGet, token, submit, fields.Select(f => (f, variant.Value(f))), variant.Name);
            // Each text field alone too long, the others sensible: the long value reaches the service and the database.
            foreach (var target in fields.Where(IsText))
                await SendOnceAsync(action, isGet, token, submit, fields.Select(f => (f, f == target ? Overlong : Sensible(f))), $"only {target.GetAttribute("name")} too long");
            // Each date alone at the calendar's edges, the others sensible.
            foreach (var target in fields.Where(f => DateKinds.Contains(f.GetAttribute("type") ?? "")))
                foreach (var edge in new[] { "0001-01-01", "9999-12-31" })
                    await SendOnceAsync(action, isGet, token, submit, fields.Select(f => (f, f == target ? EdgeDate(f, edge) : Sensible(f))), $"only {target.GetAttribute("name")} = {edge}");
            if (email is not null && !await StillSignedInAsync()) await SignInAsync();
        }

        private async Task SendOnceAsync(string action, bool isGet, string? token, IElement? submit, IEnumerable<(IElement Field, string? Value)> values, string variant)
        {
            var pairs = values.Where(v => v.Value is not null).Select(v => new KeyValuePair<string, string>(v.Field.GetAttribute("name")!, v.Value!)).ToList();
            if (submit is not null) pairs.Add(new(submit.GetAttribute("name")!, submit.GetAttribute("value") ?? ""));
            Posts++;
            HttpResponseMessage response;
            if (isGet)
            {
                var query = string.Join("&", pairs.Select(p => $"{Uri.EscapeDataString(p.Key)}={Uri.EscapeDataString(p.Value)}"));
                response = await _browser.GetAsync(action + (action.Contains('?', StringComparison.Ordinal) ? "&" : "?") + query);
            }
            else
            {
                if (token is not null) pairs.Add(new("__RequestVerificationToken", token));
                response = await _browser.Client.PostAsync(action, new FormUrlEncodedContent(pairs));
            }
            Answers[(int)response.StatusCode] = Answers.GetValueOrDefault((int)response.StatusCode) + 1;
            await IsServerErrorAsync(response, $"{(isGet ? "GET" : "POST")} {action} with {variant}");
        }

        /// <summary>The page's own query, each value in turn replaced by hostile ones (a date by the calendar's edges).</summary>
        private async Task HostileQueriesAsync(string url)
        {
            var parts = url.Split('?', 2);
            if (parts.Length < 2) return;
            var query = parts[1].Split('&').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToList();
            foreach (var (name, value) in query.Select(p => (p[0], Uri.UnescapeDataString(p[1]))))
            {
                var hostile = IsoDate().IsMatch(value) ? new[] { "0001-01-01", "9999-12-31", "0202-12-01" } : ["\0", "\u0001", Overlong, "-1", "99999999999999999999"];
                foreach (var h in hostile)
                {
                    var changed = string.Join("&", query.Select(p => p[0] == name ? $"{name}={Uri.EscapeDataString(h)}" : $"{p[0]}={p[1]}"));
                    Posts++;
                    await IsServerErrorAsync(await _browser.GetAsync($"{parts[0]}?{changed}"), $"GET {parts[0]} with {name}={h[..Math.Min(h.Length, 12)]}");
                }
            }
        }

        private async Task<bool> StillSignedInAsync() =>
            (await _browser.GetAsync("/account")).StatusCode == HttpStatusCode.OK;

        private async Task<bool> IsServerErrorAsync(HttpResponseMessage response, string what)
        {
            if ((int)response.StatusCode < 500) return false;
            var body = await response.Content.ReadAsStringAsync();
            var title = Regex.Match(body, "<title>(.*?)</title>", RegexOptions.Singleline).Groups[1].Value;
            var exception = Regex.Match(body, @"<h2 class=""stackerror"">(.*?)</h2>", RegexOptions.Singleline).Groups[1].Value;
            failures.Add($"{(int)response.StatusCode} for {what} as {email ?? "anonymous"}: {WebUtility.HtmlDecode(exception.Length > 0 ? exception : title)}");
            return true;
        }

        private static readonly string[] DateKinds = ["date", "datetime-local", "month", "week", "time"];

        private static bool IsText(IElement f) =>
            f.LocalName == "textarea" || (f.LocalName == "input" && (f.GetAttribute("type") ?? "text") is "text" or "search" or "email" or "tel" or "url" or "password");

        private static readonly Variant[] Variants =
        [
            new("every field empty", f => f.LocalName == "input" && f.GetAttribute("type") is "checkbox" or "radio" ? null : ""),
            new("every field hostile and long", f => Hostile(f, Overlong, "9999-12-31", "99999999999999999999")),
            new("control characters and the first day of the calendar", f => Hostile(f, "a\u0001b\u007fc\u001b", "0001-01-01", "-2147483649")),
            new("a two-digit-year date and malformed numbers", f => Hostile(f, "<script>alert(1)</script>'\"", "0202-12-01", "1e400")),
        ];

        private static string? Hostile(IElement f, string text, string date, string number)
        {
            var type = f.GetAttribute("type") ?? "text";
            if (f.LocalName == "select") return number;
            if (f.LocalName == "input" && type is "checkbox" or "radio") return f.HasAttribute("checked") ? f.GetAttribute("value") ?? "on" : null;
            if (f.LocalName == "input" && type == "hidden") return number;
            if (DateKinds.Contains(type)) return EdgeDate(f, date);
            if (type == "number") return number;
            return text;
        }

        private static string EdgeDate(IElement f, string date) => f.GetAttribute("type") switch
        {
            "datetime-local" => date + "T23:59",
            "month" => date[..7],
            "time" => "99:99",
            "week" => date[..4] + "-W53",
            _ => date,
        };

        /// <summary>What a careful person would type, so that the one hostile field is what the server meets.</summary>
        private static string? Sensible(IElement f)
        {
            var type = f.GetAttribute("type") ?? "text";
            var own = f.GetAttribute("value");
            if (f.LocalName == "select")
                return f.QuerySelectorAll("option").Select(o => o.GetAttribute("value") ?? o.TextContent).FirstOrDefault(v => v.Length > 0) ?? "";
            if (f.LocalName == "textarea") return f.TextContent.Length > 0 ? f.TextContent : "説明の文です。";
            if (type is "checkbox" or "radio") return f.HasAttribute("checked") ? own ?? "on" : null;
            if (type == "hidden") return own ?? "";
            if (!string.IsNullOrEmpty(own)) return own;
            var future = DateTime.Today.AddDays(30);
            return type switch
            {
                "date" => future.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                "datetime-local" => future.ToString("yyyy-MM-dd'T'10:00", CultureInfo.InvariantCulture),
                "month" => future.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                "time" => "10:00",
                "number" => "1",
                "email" => "fuzz@example.jp",
                "tel" => "0143-22-1111",
                "url" => "https://example.jp/",
                "password" => "fuzz-password-long-enough",
                _ => "試験の値",
            };
        }

        [GeneratedRegex(@"\d+")]
        private static partial Regex Digits();

        [GeneratedRegex(@"^\d{4}-\d{2}(-\d{2})?$")]
        private static partial Regex IsoDate();

        /// <summary>Downloads and feeds have no forms; the sign-out would end the walk.</summary>
        [GeneratedRegex(@"(\.(csv|xlsx|pdf|ics|atom|png|jpg|webp|svg|json)(\?|$))|/api/|/signout|/sign-out|/logout|/files/|/logo|/photo", RegexOptions.IgnoreCase)]
        private static partial Regex SkippedPath();

        [GeneratedRegex(@"/signout|/sign-out|/logout|handler=SignOut", RegexOptions.IgnoreCase)]
        private static partial Regex SkippedAction();
    }
}
