using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Tsunagu.Web.Shared;

/// <summary>For pages with several forms bound to one model: only the posted form's fields are checked.</summary>
public static class FormScope
{
    /// <summary>Drops the errors of every field outside <paramref name="prefix"/> (the other forms', bound empty).</summary>
    public static void KeepOnly(this ModelStateDictionary modelState, string prefix)
    {
        foreach (var key in modelState.Keys.Where(k => !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList()) modelState.Remove(key);
    }
}
