using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Tsunagu.Web.Data;
using Tsunagu.Web.Email;
using Tsunagu.Web.Identity;

namespace Tsunagu.Web.Features.Admin;

/// <summary>Development only: the e-mail outbox, so a developer without SMTP can follow links in mail.</summary>
[Authorize(Policy = Policies.PlatformAdmin)]
public class OutboxModel(TsunaguDb db, IWebHostEnvironment env) : PageModel
{
    public List<OutboxMessage> Messages { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (!env.IsDevelopment()) return NotFound();
        Messages = await db.OutboxMessages.AsNoTracking().OrderByDescending(m => m.Id).Take(100).ToListAsync();
        return Page();
    }
}
