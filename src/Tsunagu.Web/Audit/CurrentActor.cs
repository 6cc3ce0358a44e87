using System.Security.Claims;

namespace Tsunagu.Web.Audit;

/// <summary>Who is making the changes in this scope: the signed-in person of the request, if any.</summary>
public class CurrentActor(IHttpContextAccessor? http = null)
{
    private string? _userId;
    private string? _email;

    public string? UserId => _userId ?? http?.HttpContext?.User.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? Email => _email ?? http?.HttpContext?.User.FindFirstValue(ClaimTypes.Email) ?? http?.HttpContext?.User.Identity?.Name;

    /// <summary>For changes made outside a request on someone's behalf (e.g. the command line).</summary>
    public void Set(string userId, string? email)
    {
        _userId = userId;
        _email = email;
    }
}
