using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Tsunagu.Web.Data;

namespace Tsunagu.Web.Identity;

/// <summary>
/// A signed-in browser, kept on the server: the sign-in cookie carries only the session's key, so signing out (or a
/// password change, or an administrator) ends the session for good, and a copied cookie stops working with it.
/// </summary>
public class UserSession
{
    /// <summary>SHA-256 of the key in the cookie: a copy of the database does not hand out sessions.</summary>
    public required string Id { get; set; }
    public required string UserId { get; set; }
    /// <summary>The authentication ticket (claims and properties) as ASP.NET Core serialises it.</summary>
    public required byte[] Ticket { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }

    /// <summary>The claim that tells a page which session it serves (the row's id), so a change can keep this one.</summary>
    public const string IdClaim = "tsunagu:session";

    public static string Hash(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}

public class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.ToTable("UserSessions");
        b.Property(s => s.Id).HasMaxLength(64);
        b.HasOne<AppUser>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(s => s.UserId);
    }
}

/// <summary>The cookie handler's session store, in the database, so every instance sees a session end at once.</summary>
public sealed class DatabaseTicketStore(IServiceScopeFactory scopes, TimeProvider clock) : ITicketStore
{
    private static readonly TimeSpan WithoutExpiry = TimeSpan.FromHours(8);

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var key = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        var userId = ticket.Principal.FindFirstValue(ClaimTypes.NameIdentifier) ?? throw new InvalidOperationException("A sign-in without a user id");
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<TsunaguDb>();
        // A person's ended sessions go when they next sign in, so the table holds only what may still be used.
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.ExpiresAt <= now).ExecuteDeleteAsync();
        var id = UserSession.Hash(key);
        db.Add(new UserSession { Id = id, UserId = userId, Ticket = Serialize(ticket, id), CreatedAt = now, ExpiresAt = ExpiresAt(ticket, now) });
        await db.SaveChangesAsync();
        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        var id = UserSession.Hash(key);
        var bytes = Serialize(ticket, id);
        var expires = ExpiresAt(ticket, clock.GetUtcNow().UtcDateTime);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TsunaguDb>().Set<UserSession>().Where(s => s.Id == id)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        var id = UserSession.Hash(key);
        var now = clock.GetUtcNow().UtcDateTime;
        await using var scope = scopes.CreateAsyncScope();
        var bytes = await scope.ServiceProvider.GetRequiredService<TsunaguDb>().Set<UserSession>().AsNoTracking()
            .Where(s => s.Id == id && s.ExpiresAt > now).Select(s => s.Ticket).FirstOrDefaultAsync();
        return bytes is null ? null : TicketSerializer.Default.Deserialize(bytes);
    }

    public async Task RemoveAsync(string key)
    {
        var id = UserSession.Hash(key);
        await using var scope = scopes.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<TsunaguDb>().Set<UserSession>().Where(s => s.Id == id).ExecuteDeleteAsync();
    }

    private static byte[] Serialize(AuthenticationTicket ticket, string id)
    {
        // A refreshed sign-in builds the principal anew; the session's id goes back in each time.
        if (ticket.Principal.Identity is ClaimsIdentity identity && !identity.HasClaim(c => c.Type == UserSession.IdClaim))
            identity.AddClaim(new Claim(UserSession.IdClaim, id));
        return TicketSerializer.Default.Serialize(ticket);
    }

    private static DateTime ExpiresAt(AuthenticationTicket ticket, DateTime now) =>
        ticket.Properties.ExpiresUtc?.UtcDateTime ?? now + WithoutExpiry;
}

/// <summary>Ends sessions and tokens when what proves a person changes (password reset or change, account deletion).</summary>
public class UserSessions(TsunaguDb db, TimeProvider clock)
{
    /// <summary>Ends every session of the person but the one named (the browser that made the change), and revokes their API tokens.</summary>
    public async Task EndAllAsync(string userId, ClaimsPrincipal? keep = null, CancellationToken ct = default)
    {
        var kept = keep?.FindFirstValue(UserSession.IdClaim);
        await db.Set<UserSession>().Where(s => s.UserId == userId && s.Id != kept).ExecuteDeleteAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.ApiTokens.Where(t => t.UserId == userId && t.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.RevokedAt, now), ct);
    }
}
