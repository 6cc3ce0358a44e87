using Tsunagu.Web.Identity;
using Tsunagu.Web.Shared.Contract;

namespace Tsunagu.Web.Features.Volunteers;

public sealed class VolunteersRegistration : IFeature
{
    public void Register(FeatureBuilder feature)
    {
        feature.Services.AddScoped<VolunteerService>();
        feature
            .StaffMenu(new(MenuSections.Centre, "ボランティアのスキル一覧", "ボランティアが登録のときに選ぶスキルの一覧を管理します。", "admin/volunteers/skills", Policies.CentreStaff) { Order = 220 })
            .CityHome(new("ボランティアとして登録する", "できることと、活動できる地区・時間帯を登録すると、合った募集が届きます。", "volunteers/register") { Order = 100 })
            .MyPage(new(MenuSections.Volunteering, "ボランティア登録", "できることや活動できる時間を登録し、休止・再開します。", "volunteers/me") { Order = 10 })
            .PersonalData<VolunteersPersonalData>();
    }
}
