namespace Tsunagu.Web.Identity;

/// <summary>
/// A person's role in one city. Every signed-in person is a 市民 (citizen) everywhere; the other
/// roles are granted per city by its administrator.
/// </summary>
public enum CityRole
{
    Citizen,
    GroupAdmin,
    CentreStaff,
    DepartmentStaff,
    PlanManager,
    CouncilMember,
    CityAdmin,
}

public static class CityRoles
{
    /// <summary>Roles that are granted (the citizen role is implicit).</summary>
    public static readonly CityRole[] Granted = Enum.GetValues<CityRole>().Where(r => r != CityRole.Citizen).ToArray();

    /// <summary>Staff roles see personal data or change city records, so they require two-factor sign-in.</summary>
    public static bool IsStaff(CityRole role) => role is CityRole.CentreStaff or CityRole.DepartmentStaff
        or CityRole.PlanManager or CityRole.CouncilMember or CityRole.CityAdmin;

    public static string Japanese(CityRole role) => role switch
    {
        CityRole.Citizen => "市民",
        CityRole.GroupAdmin => "団体管理者",
        CityRole.CentreStaff => "センター職員",
        CityRole.DepartmentStaff => "担当課職員",
        CityRole.PlanManager => "計画管理者",
        CityRole.CouncilMember => "審議会委員",
        CityRole.CityAdmin => "市管理者",
        _ => role.ToString(),
    };
}
