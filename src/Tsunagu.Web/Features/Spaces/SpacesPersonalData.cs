using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Spaces;

/// <summary>Rooms the person booked, with the equipment borrowed (the bookings stay in the centre's counts, unsigned, when the account goes).</summary>
public class RoomBookingsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "roomBookings";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct)
    {
        var bookings = await (from b in db.Set<Booking>().IgnoreQueryFilters()
                              join r in db.Set<Room>().IgnoreQueryFilters() on b.RoomId equals r.Id
                              where b.UserId == subject.UserId
                              orderby b.StartsAt
                              select new { b.Id, b.CityId, Room = r.Name, b.Purpose, b.StartsAt, b.EndsAt, Status = b.Status.ToString(), b.FeeYen, b.PaidAt, b.CancelledAt, b.People, b.CreatedAt })
            .AsNoTracking().ToListAsync(ct);
        var bookingIds = bookings.Select(b => b.Id).ToList();
        var lent = (await (from e in db.Set<BookingEquipment>().IgnoreQueryFilters()
                           join i in db.Set<EquipmentItem>().IgnoreQueryFilters() on e.EquipmentItemId equals i.Id
                           where bookingIds.Contains(e.BookingId)
                           select new { e.BookingId, Item = i.Name, e.Quantity }).AsNoTracking().ToListAsync(ct)).ToLookup(e => e.BookingId);
        return bookings.Select(b => (object)new
        {
            City = subject.CitySlugs[b.CityId],
            b.Room,
            b.Purpose,
            b.StartsAt,
            b.EndsAt,
            b.Status,
            b.FeeYen,
            b.PaidAt,
            b.CancelledAt,
            b.People,
            b.CreatedAt,
            Equipment = lent[b.Id].Select(e => new { e.Item, e.Quantity }).ToList(),
        }).ToList();
    }
}

/// <summary>Lockers and mailboxes the person applied for on a group's behalf.</summary>
public class LockerApplicationsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "lockerApplications";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await (from l in db.Set<LockerRental>().IgnoreQueryFilters()
                join g in db.Groups.IgnoreQueryFilters() on l.GroupId equals g.Id
                where l.ApplicantUserId == subject.UserId
                orderby l.AppliedAt
                select new { l.CityId, Group = g.Name, Kind = l.Kind.ToString(), l.FiscalYear, Locker = db.Set<Locker>().IgnoreQueryFilters().Where(x => x.Id == l.LockerId).Select(x => x.Label).FirstOrDefault(), Status = l.Status.ToString(), l.FeeYen, l.AppliedAt, l.PaidOn })
            .AsNoTracking().ToListAsync(ct))
        .Select(l => (object)new { City = subject.CitySlugs[l.CityId], l.Group, l.Kind, l.FiscalYear, l.Locker, l.Status, l.FeeYen, l.AppliedAt, l.PaidOn })
        .ToList();
}

/// <summary>The person's entries in room lotteries (抽選).</summary>
public class LotteryEntriesPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "lotteryEntries";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await (from e in db.Set<LotteryEntry>().IgnoreQueryFilters()
                join l in db.Set<Lottery>().IgnoreQueryFilters() on e.LotteryId equals l.Id
                where e.UserId == subject.UserId
                orderby e.CreatedAt
                select new { e.CityId, Lottery = l.Title, e.Purpose, e.StartsAt, e.EndsAt, Result = e.Result.ToString(), e.CreatedAt })
            .AsNoTracking().ToListAsync(ct))
        .Select(e => (object)new { City = subject.CitySlugs[e.CityId], e.Lottery, e.Purpose, e.StartsAt, e.EndsAt, e.Result, e.CreatedAt })
        .ToList();
}
