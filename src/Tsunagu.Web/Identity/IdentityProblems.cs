using Microsoft.AspNetCore.Identity;
using Tsunagu.Web.Shared;

namespace Tsunagu.Web.Identity;

public static class IdentityProblems
{
    /// <summary>Identity's refusals (already in Japanese: JapaneseIdentityErrors) as problems for the field each concerns.</summary>
    public static Problems ToProblems(this IdentityResult result, Func<IdentityError, string> fieldFor) =>
        new(result.Errors.Select(e => new Problem(fieldFor(e), e.Description)));
}
