using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>On-request lectures the person asked for.</summary>
public class LecturesPersonalData(TsunaguDb db) : IPersonalData
{
    public string Section => "lectureRequests";

    public async Task<IReadOnlyList<object>> ExportAsync(PersonalDataSubject subject, CancellationToken ct) =>
        (await (from r in db.Set<LectureRequest>().IgnoreQueryFilters()
                join topic in db.Set<LectureTopic>().IgnoreQueryFilters() on r.TopicId equals topic.Id
                where r.RequesterUserId == subject.UserId
                orderby r.CreatedAt
                select new { r.CityId, Topic = topic.Title, r.Organisation, r.PreferredDates, r.Place, r.Participants, r.Message, Status = r.Status.ToString(), r.ScheduledAt, r.CreatedAt })
            .AsNoTracking().ToListAsync(ct))
        .Select(r => (object)new { City = subject.CitySlugs[r.CityId], r.Topic, r.Organisation, r.PreferredDates, r.Place, r.Participants, r.Message, r.Status, r.ScheduledAt, r.CreatedAt })
        .ToList();
}
