using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QRCoder;
using Tsunagu.Web.Data;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Events;

/// <summary>A person's registrations, each confirmed one with its code as a QR code to show at the door.</summary>
[Authorize(Policy = Policies.SignedIn)]
public class MineModel(TsunaguDb db, UserManager<AppUser> users) : PageModel
{
    public sealed record Row(int EventId, string Title, DateTime? StartsAt, RegistrationStatus Status, string Code, int QueuePlace, string? QrDataUri, bool EventCancelled);

    public List<Row> Rows { get; private set; } = [];

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var userId = users.GetUserId(User)!;
        var registrations = await (from r in db.Set<EventRegistration>().AsNoTracking()
                                   join e in db.Set<Event>() on r.EventId equals e.Id
                                   where r.UserId == userId && r.Status != RegistrationStatus.Cancelled
                                   select new
                                   {
                                       r,
                                       e.Title,
                                       e.Status,
                                       StartsAt = db.Set<EventMeeting>().Where(m => m.EventId == e.Id).Min(m => (DateTime?)m.StartsAt),
                                       // A waiting person's place in the queue, counted in the same query (as QueuePlaceAsync counts it).
                                       Ahead = db.Set<EventRegistration>().Count(x => x.EventId == r.EventId && x.Status == RegistrationStatus.Waitlisted && x.Position < r.Position),
                                   })
            .ToListAsync(ct);
        foreach (var x in registrations.OrderByDescending(x => x.StartsAt))
        {
            var cancelled = x.Status == EventStatus.Cancelled;
            var place = x.r.Status == RegistrationStatus.Waitlisted && !cancelled ? x.Ahead + 1 : 0;
            var qr = x.r.Status == RegistrationStatus.Confirmed && !cancelled ? QrDataUri(x.r.Code) : null;
            Rows.Add(new Row(x.r.EventId, x.Title, x.StartsAt, x.r.Status, x.r.Code, place, qr, cancelled));
        }
    }

    /// <summary>The code alone, as a PNG data URI: readable by any scanner at the door, no script needed.</summary>
    public static string QrDataUri(string code)
    {
        using var data = QRCodeGenerator.GenerateQrCode(code, QRCodeGenerator.ECCLevel.M);
        return "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(data).GetGraphic(6));
    }
}
