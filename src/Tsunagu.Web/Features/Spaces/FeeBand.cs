using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>
/// A time band of the day (午前, 午後, 夜間 …) with an hourly fee in yen for registered groups and for others.
/// A band with no room applies to every room of the city; a room's own band takes precedence over the city's for the
/// times it covers. Bands of one scope (the city, or one room) never overlap each other.
/// </summary>
public class FeeBand : ICityOwned
{
    public int Id { get; set; }
    public int CityId { get; set; }
    /// <summary>Null: every room of the city.</summary>
    public int? RoomId { get; set; }
    public required string Name { get; set; }
    public TimeOnly Starts { get; set; }
    public TimeOnly Ends { get; set; }
    public int GroupFeePerHour { get; set; }
    public int OtherFeePerHour { get; set; }
}

public class FeeBandConfiguration : IEntityTypeConfiguration<FeeBand>
{
    public void Configure(EntityTypeBuilder<FeeBand> b)
    {
        b.ToTable("FeeBands");
        b.Property(x => x.Name).HasMaxLength(20);
        b.HasOne<City>().WithMany().HasForeignKey(x => x.CityId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Room>().WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.CityId, x.RoomId, x.Starts });
    }
}

/// <summary>
/// The fee for using a room from one time to another, in yen.
/// Each minute is charged at the hourly rate of the room's own band covering it, else the city's band covering it, else
/// the city's flat hourly rate (<see cref="SpaceRules"/>) — all for the user's class (registered group or other).
/// Rounding: the exact amount is Σ minutes × hourly rate ÷ 60; it is divided once, for the whole booking, and any
/// fraction of a yen is rounded up (端数切り上げ), so splitting a booking into bands never changes the total by rounding.
/// </summary>
public static class FeeCalculator
{
    /// <summary>One part of the fee: a band (or the time outside every band), its minutes and its hourly rate.</summary>
    public sealed record Part(string Band, TimeOnly From, TimeOnly To, int Minutes, int PerHour, bool Outside);

    public sealed record Quote(List<Part> Parts, int RoomYen);

    /// <summary>The fee for [start, end) in Japan time (a booking within one day or across days).</summary>
    public static Quote Compute(DateTime localStart, DateTime localEnd, bool isGroup, IReadOnlyCollection<FeeBand> roomBands, IReadOnlyCollection<FeeBand> cityBands, SpaceRules rules)
    {
        var parts = new List<Part>();
        for (var day = localStart.Date; day < localEnd; day = day.AddDays(1))
        {
            var from = localStart > day ? localStart : day;
            var to = localEnd < day.AddDays(1) ? localEnd : day.AddDays(1);
            if (to <= from) continue;
            Day(TimeOnly.FromDateTime(from), to == day.AddDays(1) ? null : TimeOnly.FromDateTime(to), isGroup, roomBands, cityBands, rules, parts);
        }
        long yenMinutes = parts.Sum(p => (long)p.Minutes * p.PerHour);
        return new Quote(parts, (int)((yenMinutes + 59) / 60));
    }

    /// <summary>Splits one day's [from, to) (to null: midnight) at every band edge and charges each piece by precedence.</summary>
    private static void Day(TimeOnly from, TimeOnly? to, bool isGroup, IReadOnlyCollection<FeeBand> roomBands, IReadOnlyCollection<FeeBand> cityBands, SpaceRules rules, List<Part> parts)
    {
        int Minute(TimeOnly t) => t.Hour * 60 + t.Minute;
        var start = Minute(from);
        var end = to is { } t ? Minute(t) : 24 * 60;
        var edges = roomBands.Concat(cityBands).SelectMany(b => new[] { Minute(b.Starts), Minute(b.Ends) })
            .Where(m => m > start && m < end).Append(start).Append(end).Distinct().Order().ToList();
        for (var i = 0; i + 1 < edges.Count; i++)
        {
            var (a, z) = (edges[i], edges[i + 1]);
            bool Covers(FeeBand b) => Minute(b.Starts) <= a && z <= Minute(b.Ends);
            var band = roomBands.FirstOrDefault(Covers) ?? cityBands.FirstOrDefault(Covers);
            var rate = band is null ? (isGroup ? rules.GroupFeePerHour : rules.OtherFeePerHour) : isGroup ? band.GroupFeePerHour : band.OtherFeePerHour;
            var name = band?.Name ?? "";
            // Neighbouring pieces of the same band (split at another scope's edge) read as one part.
            if (parts.Count > 0 && parts[^1] is var last && last.Band == name && last.Outside == (band is null) && last.PerHour == rate && Minute(last.To) == a && last.To != TimeOnly.MinValue)
                parts[^1] = last with { To = At(z), Minutes = last.Minutes + z - a };
            else
                parts.Add(new Part(name, At(a), At(z), z - a, rate, band is null));
        }
    }

    private static TimeOnly At(int minute) => minute >= 24 * 60 ? TimeOnly.MinValue : new TimeOnly(minute / 60, minute % 60);
}

/// <summary>What the fee table shows: the bands (city-wide and rooms' own), the flat rates outside them, and room names.</summary>
public sealed record FeeTable(IReadOnlyList<FeeBand> Bands, SpaceRules Rules, IReadOnlyDictionary<int, string> RoomNames);
