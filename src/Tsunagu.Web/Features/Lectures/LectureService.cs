using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Lectures;

/// <summary>The on-request lecture catalogue and its requests: received → scheduled (with a date) → given (with attendance), or declined.</summary>
public class LectureService(TsunaguDb db, Outbox outbox, PublicLinks links, CurrentCity city, Text t, TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public Task<List<LectureTopic>> CatalogueAsync(bool all = false, CancellationToken ct = default) =>
        db.Set<LectureTopic>().AsNoTracking().Where(x => all || x.Active).OrderBy(x => x.Title).ToListAsync(ct);

    public async Task RequestAsync(LectureTopic topic, LectureRequest request, CancellationToken ct = default)
    {
        request.TopicId = topic.Id;
        request.Status = LectureRequestStatus.Received;
        request.CreatedAt = request.UpdatedAt = Now;
        db.Add(request);
        foreach (var email in await db.CityMemberships.EmailsOfAsync(Identity.CityRole.CentreStaff, ct))
            outbox.Enqueue(email, t["【つなぐ】出前講座の申し込みがありました"],
                t["出前講座「{0}」の申し込みがありました。つなぐで内容を確認し、日程を決めてください。\n\n{1}", topic.Title, links.For($"/{city.Required.Slug}/admin/lectures")]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Staff move a request on; the requester is told. Scheduling needs a date in the future; only a scheduled lecture can be recorded as given.</summary>
    public async Task<string?> UpdateAsync(LectureRequest request, LectureRequestStatus status, DateTime? scheduledAt, int? attended, string? note, CancellationToken ct = default)
    {
        var allowed = (request.Status, status) switch
        {
            (LectureRequestStatus.Received, LectureRequestStatus.Scheduled or LectureRequestStatus.Declined) => true,
            (LectureRequestStatus.Scheduled, LectureRequestStatus.Scheduled or LectureRequestStatus.Done or LectureRequestStatus.Declined) => true,
            _ => false,
        };
        if (!allowed) return t["この申し込みは、その状況に変えられません。"];
        if (status == LectureRequestStatus.Scheduled && (scheduledAt is null || scheduledAt <= Now)) return t["講座の日時を、これからの日時で入力してください。"];
        if (status == LectureRequestStatus.Done && (attended is null or < 0)) return t["参加者数を入力してください。"];
        request.Status = status;
        if (status == LectureRequestStatus.Scheduled) request.ScheduledAt = scheduledAt;
        if (status == LectureRequestStatus.Done) request.Attended = attended;
        request.StaffNote = string.IsNullOrWhiteSpace(note) ? request.StaffNote : note.Trim();
        request.UpdatedAt = Now;
        var topic = await db.Set<LectureTopic>().AsNoTracking().FirstAsync(x => x.Id == request.TopicId, ct);
        if (status != LectureRequestStatus.Done
            && await db.Users.Where(u => u.Id == request.RequesterUserId).Select(u => u.Email).FirstOrDefaultAsync(ct) is { } email)
            outbox.Enqueue(email, t["【つなぐ】出前講座の申し込みについて"], status == LectureRequestStatus.Scheduled
                ? t["出前講座「{0}」の日時が決まりました：{1}\n{2}\n\n{3}", topic.Title, Tsunagu.Web.Shared.Display.Tokyo(scheduledAt!.Value), request.StaffNote ?? "", links.For($"/{city.Required.Slug}/lectures/requests")]
                : t["出前講座「{0}」は、今回はお受けできませんでした。\n{1}\n\n{2}", topic.Title, request.StaffNote ?? "", links.For($"/{city.Required.Slug}/lectures/requests")]);
        return await db.TrySaveAsync(ct) ? null : t["ほかの職員が同時に更新しました。画面を開き直してください。"];
    }
}
