using Microsoft.AspNetCore.Authorization;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Admin;

/// <summary>Changes that belong to no city (accounts, API tokens), for the platform administrator.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public class PlatformAuditModel(AuditLog log) : AuditPageModel(log)
{
    public Task OnGetAsync() => SearchAsync(null);
}
