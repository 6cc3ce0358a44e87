using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Consultations;

/// <summary>Consultations the person asked for online, with the contact details they gave.</summary>
public class ConsultationsPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "consultations";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await db.Consultations.IgnoreQueryFilters().AsNoTracking().Where(c => c.RequesterUserId == subject.UserId)
            .OrderBy(c => c.ReceivedAt)
            .Select(c => new { c.CityId, Topic = c.Topic.ToString(), c.Question, c.RequesterName, c.RequesterEmail, c.RequesterPhone, PreferredContact = c.PreferredContact.ToString(), Status = c.Status.ToString(), c.ReceivedAt, c.ClosedAt })
            .ToListAsync(ct))
        .Select(c => (object)new { City = subject.CitySlugs[c.CityId], c.Topic, c.Question, c.RequesterName, c.RequesterEmail, c.RequesterPhone, c.PreferredContact, c.Status, c.ReceivedAt, c.ClosedAt })
        .ToList();

    /// <summary>
    /// The centre keeps the case (question and its own notes, counted in the year's figures), but not who asked: the name and
    /// contact details the person gave go with the account.
    /// </summary>
    public Task ReleaseAsync(string userId, CancellationToken ct) =>
        db.Consultations.IgnoreQueryFilters().Where(c => c.RequesterUserId == userId).ExecuteUpdateAsync(s => s
            .SetProperty(c => c.RequesterName, "（退会した利用者）")
            .SetProperty(c => c.RequesterEmail, (string?)null)
            .SetProperty(c => c.RequesterPhone, (string?)null), ct);
}
