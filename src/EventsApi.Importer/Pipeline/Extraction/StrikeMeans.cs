using System.Text.RegularExpressions;

namespace EventsApi.Importer.Pipeline.Extraction;

/// <summary>
/// The codebook's strike sub-types by means. A strike whose verb does not say how it was made
/// ("struck Pokrovsk with a missile", "attacked Lyptsi with artillery and drones") takes the
/// first weapon the sentence names.
/// </summary>
public static partial class StrikeMeans
{
    public static string? In(string narration)
    {
        var m = Weapon().Match(narration);
        if (!m.Success) return null;
        foreach (var name in new[] { "drone_strike", "missile_strike", "air_strike", "shelling", "other" })
            if (m.Groups[name].Success) return name;
        return null;
    }

    [GeneratedRegex(@"\b(?:(?<drone_strike>drones?|UAVs?|Shaheds?|Gerans?|FPVs?|Lancets?|loitering\s+munitions?)|(?<missile_strike>missiles?(?!\s+(?:boats?|ships?|launchers?|systems?|batter(?:y|ies)|carriers?|cruisers?|units?))|Iskanders?|Kinzhals?|Kalibrs?|S-300s?|S-400s?|ATACMS|Storm\s+Shadows?|Neptunes?|Oniks|Kh-\d+)|(?<air_strike>aircraft|warplanes?|jets?|helicopters?|glide\s+bombs?|guided\s+(?:aerial\s+)?bombs?|aerial\s+bombs?|KABs?|FABs?)|(?<shelling>artillery|cluster\s+munitions?|mortars?|MLRS|Grads?|Uragans?|Smerch|Tornado|howitzers?|HIMARS|tanks?|rocket\s+launchers?|shells)|(?<other>landmines?|mines?|IEDs?|improvised\s+explosive))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Weapon();
}
