using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>The rooms and their week: who may see it? anyone, without signing in; as a table a screen reader reads cell by cell.</summary>
public class IndexModel(SpaceService spaces, LotteryService lotteries, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? Week { get; set; }
    /// <summary>When given, one day room by room with its free times (easier on a phone than the week's table).</summary>
    [BindProperty(SupportsGet = true)] public DateOnly? Day { get; set; }

    public DateOnly Monday { get; private set; }
    public List<Room> Rooms { get; private set; } = [];
    public SpaceRules Rules { get; private set; } = new();
    public List<Lottery> OpenLotteries { get; private set; } = [];
    public List<FeeBand> Bands { get; private set; } = [];
    public List<EquipmentItem> Equipment { get; private set; } = [];
    /// <summary>Live bookings by room and day (Japan time).</summary>
    public ILookup<(int Room, DateOnly Day), Booking> Taken { get; private set; } = Array.Empty<Booking>().ToLookup(b => (0, default(DateOnly)));

    /// <summary>Why the city lends no rooms (it has no centre yet), or null.</summary>
    public string? NotLending => spaces.NotLending;

    public async Task OnGetAsync()
    {
        if (NotLending is not null) return;
        var ct = HttpContext.RequestAborted;
        var day = Day ?? Week ?? Display.Today(clock);
        Monday = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
        Rooms = await spaces.RoomsAsync(ct);
        Rules = await spaces.RulesAsync(ct);
        Bands = await spaces.FeeBandsAsync(ct);
        Equipment = await spaces.EquipmentAsync(activeOnly: true, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        OpenLotteries = [.. (await lotteries.ListAsync(ct)).Where(l => l.Status == LotteryStatus.Open || l.DrawnAt > now.AddDays(-14))];
        var bookings = await spaces.LiveBetweenAsync(Display.ToUtc(Monday, TimeOnly.MinValue), Display.ToUtc(Monday.AddDays(7), TimeOnly.MinValue), ct);
        Taken = bookings.ToLookup(b => (b.RoomId, DateOnly.FromDateTime(Display.ToTokyo(b.StartsAt))));
    }

    public bool Closed(DateOnly day) => Rules.IsClosedOn(day.DayOfWeek);

    /// <summary>The opening hours of a day not taken by any live booking (or block) of the room, in Japan time.</summary>
    public List<(TimeOnly From, TimeOnly To)> FreeTimes(int roomId, DateOnly day)
    {
        var free = new List<(TimeOnly, TimeOnly)>();
        if (Closed(day)) return free;
        var from = Rules.Opens;
        foreach (var b in Taken[(roomId, day)].OrderBy(b => b.StartsAt))
        {
            var (start, end) = (TimeOnly.Parse(Time(b.StartsAt), CultureInfo.InvariantCulture), TimeOnly.Parse(Time(b.EndsAt), CultureInfo.InvariantCulture));
            if (b.EndsAt > Display.ToUtc(day.AddDays(1), TimeOnly.MinValue)) end = Rules.Closes; // runs past midnight
            if (start > from) free.Add((from, start < Rules.Closes ? start : Rules.Closes));
            if (end > from) from = end;
        }
        if (from < Rules.Closes) free.Add((from, Rules.Closes));
        return free.Where(f => f.Item1 < f.Item2).ToList();
    }

    public static string Time(DateTime utc) => Display.ToTokyo(utc).ToString("HH:mm", CultureInfo.InvariantCulture);
}
