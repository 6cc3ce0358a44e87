namespace Tsunagu.Web.Tests.Plans;

/// <summary>The plan pages' forms as the tests post them.</summary>
internal static class PlanForms
{
    /// <summary>The rounds page's form that gives many items one department (handler Assign).</summary>
    public static Dictionary<string, string> Assign(IEnumerable<int> nodeIds, int departmentId)
    {
        var form = new Dictionary<string, string> { ["Assign.DepartmentId"] = departmentId.ToString(CultureInfo.InvariantCulture) };
        var i = 0;
        foreach (var id in nodeIds) form[$"Assign.NodeIds[{i++}]"] = id.ToString(CultureInfo.InvariantCulture);
        return form;
    }
}
