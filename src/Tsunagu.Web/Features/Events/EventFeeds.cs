using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Shared.Spreadsheets;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Events;

/// <summary>
/// The city's events for other software: an iCalendar feed (RFC 5545) per city and per event, and the open-data CSV in
/// the columns of デジタル庁's municipal standard event list (自治体標準オープンデータセット「イベント一覧」).
/// </summary>
public static class EventFeeds
{
    /// <summary>
    /// The columns of the 自治体標準オープンデータセット (正式版) 「イベント一覧」, in its order; the earlier 推奨データセット's
    /// 都道府県コード又は市区町村コード / NO / 都道府県名 / 市区町村名 became 全国地方公共団体コード / ID / 地方公共団体名.
    /// </summary>
    public static readonly string[] OpenDataColumns =
    [
        "全国地方公共団体コード", "ID", "地方公共団体名", "イベント名", "イベント名_カナ", "イベント名_英字", "開始日", "終了日", "開始時間", "終了時間",
        "開始日時特記事項", "説明", "料金(基本)", "料金(詳細)", "連絡先名称", "連絡先電話番号", "連絡先内線番号", "主催者", "場所名称", "住所", "方書",
        "緯度", "経度", "アクセス方法", "駐車場情報", "定員", "参加申込終了日", "参加申込終了時間", "参加申込方法", "URL", "備考",
    ];

    public static void MapEventFeeds(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{city}/events.ics", async (TsunaguDb db, [Microsoft.AspNetCore.Mvc.FromServices] CurrentCity current, PublicLinks links, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
                Calendar(await EventsAsync(db, clock, null, ct), current.Required, links, UidHost(config, current.Required), clock))
            .ExcludeFromDescription();
        app.MapGet("/{city}/events/{id:int}.ics", async (int id, TsunaguDb db, [Microsoft.AspNetCore.Mvc.FromServices] CurrentCity current, PublicLinks links, IConfiguration config, TimeProvider clock, CancellationToken ct) =>
                await EventsAsync(db, clock, id, ct) is { Count: > 0 } one ? Calendar(one, current.Required, links, UidHost(config, current.Required), clock) : Results.NotFound())
            .ExcludeFromDescription();
        app.MapGet("/{city}/opendata/events.csv", async (TsunaguDb db, [Microsoft.AspNetCore.Mvc.FromServices] CurrentCity current, PublicLinks links, TimeProvider clock, CancellationToken ct) =>
                Results.File(OpenDataCsv(await EventsAsync(db, clock, null, ct), current.Required, links), CsvFile.ContentType, $"{current.Required.Code}_event.csv"))
            .ExcludeFromDescription();
    }

    /// <summary>
    /// Published (and cancelled, so calendars can drop them) events with meetings from a month back, or one event. Groups'
    /// proposals not (yet) approved are in no feed.
    /// </summary>
    private static Task<List<Event>> EventsAsync(TsunaguDb db, TimeProvider clock, int? id, CancellationToken ct)
    {
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-31);
        return db.Set<Event>().AsNoTracking().Include(e => e.Meetings).Include(e => e.Room).Include(e => e.Group)
            .Where(e => e.Status == EventStatus.Published || e.Status == EventStatus.Cancelled)
            .Where(e => id == null ? e.Meetings.Any(m => m.EndsAt > since) : e.Id == id)
            .OrderBy(e => e.Id).Take(2000).ToListAsync(ct);
    }

    /// <summary>
    /// The host in every UID (<c>event-1-2@host</c>): the configured public address's, else a fixed name of the city's. Never
    /// the request's Host header, which the client chooses and which differs with each address the site answers to: a
    /// meeting must keep one UID, or calendars show it twice.
    /// </summary>
    public static string UidHost(IConfiguration config, City city) =>
        Uri.TryCreate(config["Tsunagu:PublicBaseUrl"], UriKind.Absolute, out var url) && url.Host.Length > 0 ? url.Host : $"{city.Slug}.tsunagu";

    private static IResult Calendar(List<Event> events, City city, PublicLinks links, string host, TimeProvider clock)
    {
        var stamp = Utc(clock.GetUtcNow().UtcDateTime);
        var ics = new StringBuilder();
        void Line(string text) => Fold(ics, text);
        Line("BEGIN:VCALENDAR");
        Line("VERSION:2.0");
        Line("PRODID:-//Tsunagu//Events//JA");
        Line("CALSCALE:GREGORIAN");
        Line("METHOD:PUBLISH");
        Line("X-WR-CALNAME:" + TextValue($"{city.CentreName}の講座・イベント"));
        Line("X-WR-TIMEZONE:Asia/Tokyo");
        foreach (var e in events)
        {
            var meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
            for (var i = 0; i < meetings.Count; i++)
            {
                var m = meetings[i];
                Line("BEGIN:VEVENT");
                Line($"UID:event-{e.Id}-{m.Id}@{host}");
                Line("DTSTAMP:" + stamp);
                Line("LAST-MODIFIED:" + Utc(e.UpdatedAt));
                Line("SEQUENCE:" + e.Sequence.ToString(CultureInfo.InvariantCulture));
                Line("DTSTART:" + Utc(m.StartsAt));
                Line("DTEND:" + Utc(m.EndsAt));
                Line("SUMMARY:" + TextValue(meetings.Count > 1 ? $"{e.Title}（第{i + 1}回）" : e.Title));
                Line("DESCRIPTION:" + TextValue(e.Description));
                if (e.PlaceText is not null) Line("LOCATION:" + TextValue(e.PlaceText));
                Line("URL:" + links.For($"/{city.Slug}/events/{e.Id}"));
                Line("STATUS:" + (e.Status == EventStatus.Cancelled ? "CANCELLED" : "CONFIRMED"));
                Line("END:VEVENT");
            }
        }
        Line("END:VCALENDAR");
        return Results.Text(ics.ToString(), "text/calendar; charset=utf-8", Encoding.UTF8);
    }

    private static string Utc(DateTime utc) => DateTime.SpecifyKind(utc, DateTimeKind.Utc).ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    /// <summary>A TEXT value: without control characters (RFC 5545 allows none but tab), then escaped.</summary>
    public static string TextValue(string text) => Escape(ControlCharacters.Remove(text));

    /// <summary>TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).</summary>
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace(";", "\\;").Replace(",", "\\,").Replace("\r\n", "\\n").Replace("\n", "\\n").Replace("\r", "\\n");

    /// <summary>Content lines end in CRLF and are folded at 75 octets, never inside a UTF-8 character (RFC 5545 3.1).</summary>
    public static void Fold(StringBuilder output, string line)
    {
        var octets = 0;
        var limit = 75;
        foreach (var rune in line.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (octets + size > limit)
            {
                output.Append("\r\n ");
                octets = 1;
                limit = 75;
            }
            output.Append(rune.ToString());
            octets += size;
        }
        output.Append("\r\n");
    }

    /// <summary>
    /// The standard allows UTF-8; with a BOM, Excel opens the Japanese text correctly. Dates are YYYY-MM-DD and times hh:mm
    /// (Japan time); 料金(基本) is the fee in yen as a number (0 when free), words about it go in 料金(詳細).
    /// </summary>
    private static byte[] OpenDataCsv(List<Event> events, City city, PublicLinks links) =>
        CsvFile.Write(OpenDataColumns, events.Where(e => e.Status == EventStatus.Published && e.Meetings.Count > 0).Select(e =>
            {
                var meetings = e.Meetings.OrderBy(m => m.StartsAt).ToList();
                var first = Display.ToTokyo(meetings[0].StartsAt);
                var last = Display.ToTokyo(meetings[^1].EndsAt);
                var closes = Display.ToTokyo(e.RegistrationClosesAt);
                var services = new[] { (e.SignLanguage, "手話通訳あり"), (e.Captioning, "要約筆記あり"), (e.Childcare, "託児あり") }.Where(s => s.Item1).Select(s => s.Item2);
                return (SheetCell[])
                [
                    city.Code, e.Id, city.Prefecture + city.Name, e.Title, "", "",
                    first.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), last.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), first.ToString("HH:mm", CultureInfo.InvariantCulture), Display.ToTokyo(meetings[0].EndsAt).ToString("HH:mm", CultureInfo.InvariantCulture),
                    meetings.Count > 1 ? $"全{meetings.Count}回：" + string.Join("、", meetings.Select(m => Display.ToTokyo(m.StartsAt).ToString("M/d HH:mm", CultureInfo.InvariantCulture))) : "",
                    e.Description, e.Fee, e.Fee == 0 ? "無料" : "", city.CentreName, "", "", e.Group?.Name ?? city.CentreName,
                    e.PlaceText ?? (e.OnlineLink is not null ? "オンライン" : ""), "", "", "", "", "", "", e.Capacity,
                    closes.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), closes.ToString("HH:mm", CultureInfo.InvariantCulture), "つなぐの講座・イベントのページから申し込み", links.For($"/{city.Slug}/events/{e.Id}"),
                    string.Join("、", services),
                ];
            }));
}
