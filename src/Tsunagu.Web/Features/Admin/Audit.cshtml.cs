using Microsoft.AspNetCore.Authorization;
using Tsunagu.Web.Audit;
using Tsunagu.Web.Identity;
using Tsunagu.Web.Tenancy;

namespace Tsunagu.Web.Features.Admin;

/// <summary>The city's audit log, searchable by person, kind of record, key and date.</summary>
[Authorize(Policy = Policies.CityAdmin)]
public class AuditModel(AuditLog log, CurrentCity currentCity) : AuditPageModel(log)
{
    public Task OnGetAsync() => SearchAsync(currentCity.Required.Id);
}
