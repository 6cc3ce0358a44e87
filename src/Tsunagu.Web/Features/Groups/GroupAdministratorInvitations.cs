using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Localization;
using Tsunagu.Web.Shared;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Groups;

/// <summary>
/// A group's administrators invite others by e-mail; the invited person accepts (and only then becomes an administrator)
/// or declines. The form that invites says nothing about whether an address has an account (see <see cref="InviteAsync"/>).
/// </summary>
public class GroupAdministratorInvitations(TsunaguDb db, CurrentCity currentCity, Outbox outbox, PublicLinks links, Text t, TimeProvider clock, ILookupNormalizer normalizer)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<GroupAdministratorInvitation> Invitations => db.Set<GroupAdministratorInvitation>();

    /// <summary>An invitation still waiting for an answer, as the group's administrators see it.</summary>
    public sealed record Waiting(int Id, string Email, DateTime CreatedAt, DateTime ExpiresAt);

    /// <summary>An invitation as the invited person sees it.</summary>
    public sealed record Received(int Id, int GroupId, string GroupName, string? InvitedBy, DateTime ExpiresAt, InvitationState State);

    public enum Answer { Accepted, AlreadyAdministrator, Declined, NotFound, NotForThisAccount, EmailNotConfirmed, AlreadyAccepted, AlreadyDeclined, Revoked, Expired }

    /// <summary>
    /// Sends an invitation to <paramref name="email"/>. Whatever the address — an account's, nobody's yet, an administrator's
    /// already — the work is the same: no account is looked up, an earlier open invitation to the same address is replaced,
    /// one invitation is written and one mail is queued, so neither the page nor its timing tells the sender whether the
    /// address has an account. This is what GitHub does for an organisation invitation sent to an e-mail address: the same
    /// invitation mail goes out whether or not the address belongs to a user, and its link leads to a page that asks the
    /// person to sign in or create an account with that address and then accept. One mail for both cases also keeps the
    /// message from saying "you have an account" to whoever reads the mailbox, and an address without an account today may
    /// well have one by the time its owner opens the link (within <see cref="GroupAdministratorInvitation.Lifetime"/>).
    /// Whether the person is already an administrator is decided when they accept.
    /// </summary>
    public async Task InviteAsync(Group group, string inviterUserId, string email, CancellationToken ct = default)
    {
        var address = email.Trim();
        var normalized = normalizer.NormalizeEmail(address);
        var now = Now;
        // Only the newest link to an address works: inviting again (a lost mail) replaces the open invitation.
        var earlier = await Invitations.Where(i => i.GroupId == group.Id && i.NormalizedEmail == normalized
            && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now).ToListAsync(ct);
        foreach (var open in earlier) open.RevokedAt = now;
        var (token, hash) = GroupAdministratorInvitation.NewToken();
        var invitation = new GroupAdministratorInvitation
        {
            GroupId = group.Id,
            Email = address,
            NormalizedEmail = normalized,
            InvitedByUserId = inviterUserId,
            TokenHash = hash,
            CreatedAt = now,
            ExpiresAt = now + GroupAdministratorInvitation.Lifetime,
        };
        db.Add(invitation);
        var inviter = await db.Users.Where(u => u.Id == inviterUserId).Select(u => u.DisplayName).FirstOrDefaultAsync(ct) ?? "";
        var city = currentCity.Required;
        outbox.Enqueue(address, t["【つなぐ】「{0}」の管理者に招待されました", group.Name],
            t["{0}さんから、{1}の市民活動団体「{2}」の管理者に招待されました。管理者は、団体の登録内容を変更し、年次更新の確認をします。\n\n次のリンクを開いて、承諾するか辞退するかを選んでください。{3}まで有効です。\n\n{4}\n\nつなぐのアカウントをお持ちでない方は、このメールアドレスでアカウントを登録し、メールアドレスを確認してから、もう一度このリンクを開いてください。\n\n承諾するまで、管理者にはなりません。お心当たりのない場合は、このメールを破棄してください。",
                inviter, city.Name, group.Name, Display.Tokyo(invitation.ExpiresAt), links.For($"/{city.Slug}/groups/invitations/{token}")]);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The group's invitations still waiting for an answer, newest first.</summary>
    public async Task<List<Waiting>> WaitingForGroupAsync(int groupId, CancellationToken ct = default)
    {
        var now = Now;
        return await Invitations.AsNoTracking()
            .Where(i => i.GroupId == groupId && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.Id)
            .Select(i => new Waiting(i.Id, i.Email, i.CreatedAt, i.ExpiresAt))
            .ToListAsync(ct);
    }

    /// <summary>An administrator takes back an invitation of their group that has not been answered; false when there is none.</summary>
    public Task<bool> RevokeAsync(Group group, int invitationId, CancellationToken ct = default) =>
        db.InTurnAsync(async () =>
        {
            // Taken while still open, so an acceptance at the same moment either comes first (and this finds nothing) or waits.
            if (!await db.TakeAsync<GroupAdministratorInvitation>(i => i.Id == invitationId && i.GroupId == group.Id
                    && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null, ct)) return false;
            var invitation = await Invitations.FirstAsync(i => i.Id == invitationId, ct);
            invitation.RevokedAt = Now;
            await db.SaveChangesAsync(ct);
            return true;
        }, ct);

    /// <summary>The invitation a link leads to, whoever opens it; null for a link that matches none in this city.</summary>
    public async Task<(Received Invitation, string NormalizedEmail)?> FindByTokenAsync(string? token, CancellationToken ct = default)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 100) return null;
        var hash = GroupAdministratorInvitation.Hash(token);
        var found = await Invitations.AsNoTracking().Where(i => i.TokenHash == hash).Select(i => new { Invitation = i, GroupName = i.Group!.Name, InvitedBy = db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault() })
            .FirstOrDefaultAsync(ct);
        if (found is null) return null;
        var i = found.Invitation;
        return (new Received(i.Id, i.GroupId, found.GroupName, found.InvitedBy, i.ExpiresAt, i.StateAt(Now)), i.NormalizedEmail);
    }

    /// <summary>The invitations in this city waiting for the person's answer: those to their account's confirmed address.</summary>
    public async Task<List<Received>> WaitingForPersonAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        var account = await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => new { u.NormalizedEmail, u.EmailConfirmed }).FirstOrDefaultAsync(ct);
        if (account is not { EmailConfirmed: true, NormalizedEmail: { } email }) return [];
        return await Invitations.AsNoTracking()
            .Where(i => i.NormalizedEmail == email && i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .OrderByDescending(i => i.Id)
            .Select(i => new Received(i.Id, i.GroupId, i.Group!.Name, db.Users.Where(u => u.Id == i.InvitedByUserId).Select(u => u.DisplayName).FirstOrDefault(), i.ExpiresAt, InvitationState.Pending))
            .ToListAsync(ct);
    }

    /// <summary>How many invitations wait for the person in this city (the count on マイページ).</summary>
    public async Task<int> CountWaitingForPersonAsync(string userId, CancellationToken ct = default)
    {
        var now = Now;
        return await Invitations.CountAsync(i => i.AcceptedAt == null && i.DeclinedAt == null && i.RevokedAt == null && i.ExpiresAt > now
            && db.Users.Any(u => u.Id == userId && u.EmailConfirmed && u.NormalizedEmail == i.NormalizedEmail), ct);
    }

    /// <summary>
    /// The invited person accepts: they become the group's administrator, with the city's group role, and the group's other
    /// administrators are told. The turn takes the city's row first (the group role is one per person and city, and two
    /// invitations may be accepted at once) and then the invitation, so a second acceptance of the same invitation waits
    /// and then finds it used: one administrator row, however often the button is pressed.
    /// </summary>
    public Task<Answer> AcceptAsync(int invitationId, string userId, CancellationToken ct = default) =>
        AnswerAsync(invitationId, userId, accept: true, ct);

    /// <summary>The invited person declines; the invitation is kept as declined and its link no longer works.</summary>
    public Task<Answer> DeclineAsync(int invitationId, string userId, CancellationToken ct = default) =>
        AnswerAsync(invitationId, userId, accept: false, ct);

    private Task<Answer> AnswerAsync(int invitationId, string userId, bool accept, CancellationToken ct) =>
        db.InTurnAsync(async () =>
        {
            var cityId = currentCity.Required.Id;
            await db.TakeAsync<City>(c => c.Id == cityId, ct);
            if (!await db.TakeAsync<GroupAdministratorInvitation>(i => i.Id == invitationId, ct)) return Answer.NotFound;
            var invitation = await Invitations.Include(i => i.Group).FirstAsync(i => i.Id == invitationId, ct);
            var account = await db.Users.Where(u => u.Id == userId).Select(u => new { u.NormalizedEmail, u.EmailConfirmed, u.DisplayName }).FirstOrDefaultAsync(ct);
            if (account is null || account.NormalizedEmail != invitation.NormalizedEmail) return Answer.NotForThisAccount;
            if (!account.EmailConfirmed) return Answer.EmailNotConfirmed;
            switch (invitation.StateAt(Now))
            {
                case InvitationState.Accepted: return Answer.AlreadyAccepted;
                case InvitationState.Declined: return Answer.AlreadyDeclined;
                case InvitationState.Revoked: return Answer.Revoked;
                case InvitationState.Expired: return Answer.Expired;
            }
            if (!accept)
            {
                invitation.DeclinedAt = Now;
                await db.SaveChangesAsync(ct);
                return Answer.Declined;
            }
            invitation.AcceptedAt = Now;
            var group = invitation.Group!;
            if (await db.Set<GroupAdministrator>().AnyAsync(a => a.GroupId == group.Id && a.UserId == userId, ct))
            {
                await db.SaveChangesAsync(ct);
                return Answer.AlreadyAdministrator;
            }
            var others = await db.AdministratorEmailsAsync(group.Id, ct);
            db.Add(new GroupAdministrator { GroupId = group.Id, UserId = userId, CreatedAt = Now });
            if (!await db.CityMemberships.AnyAsync(m => m.UserId == userId && m.Role == CityRole.GroupAdmin, ct))
                db.CityMemberships.Add(new CityMembership { UserId = userId, Role = CityRole.GroupAdmin, CreatedAt = Now });
            var city = currentCity.Required;
            foreach (var to in others)
                outbox.Enqueue(to, t["【つなぐ】「{0}」に管理者が加わりました", group.Name],
                    t["{0}さんが招待を承諾し、「{1}」の管理者に加わりました。\n\n管理者の一覧は次のページで確認できます。\n{2}",
                        account.DisplayName, group.Name, links.For($"/{city.Slug}/groups/{group.Id}/administrators")]);
            await db.SaveChangesAsync(ct);
            return Answer.Accepted;
        }, ct);

    /// <summary>What to tell the person when their answer could not be taken.</summary>
    public string Explain(Answer answer) => answer switch
    {
        Answer.NotForThisAccount => t["この招待は、別のメールアドレスのアカウントあてです。招待メールを受け取ったメールアドレスのアカウントでサインインしてください。"],
        Answer.EmailNotConfirmed => t["メールアドレスの確認が済んでいません。登録時にお送りしたメールのリンクを開いてから、もう一度お試しください。"],
        Answer.AlreadyAccepted => t["この招待はすでに承諾されています。"],
        Answer.AlreadyDeclined => t["この招待はすでに辞退されています。"],
        Answer.Revoked => t["この招待は取り消されました。必要なら、団体の管理者にもう一度招待してもらってください。"],
        Answer.Expired => t["この招待は有効期限が切れています。団体の管理者にもう一度招待してもらってください。"],
        _ => t["この招待は見つかりません。リンクが正しいか確かめてください。"],
    };

    /// <summary>What an invitation's link page says about an invitation that can no longer be answered.</summary>
    public string Explain(InvitationState state) => state switch
    {
        InvitationState.Accepted => Explain(Answer.AlreadyAccepted),
        InvitationState.Declined => Explain(Answer.AlreadyDeclined),
        InvitationState.Revoked => Explain(Answer.Revoked),
        InvitationState.Expired => Explain(Answer.Expired),
        _ => "",
    };
}
