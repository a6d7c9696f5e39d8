-- Healthy when the operator reports the cluster Ready (or Connected, for external clusters)
-- and Ceph is HEALTH_OK or HEALTH_WARN; Degraded on HEALTH_ERR or a failed phase.
local hs = { status = "Progressing", message = "waiting for the Rook operator to report status" }
if obj.status == nil then return hs end
local phase = obj.status.phase or ""
local health = ""
if obj.status.ceph ~= nil and obj.status.ceph.health ~= nil then health = obj.status.ceph.health end
if obj.status.message ~= nil then hs.message = obj.status.message end
if phase == "Failure" or phase == "Error" or health == "HEALTH_ERR" then
  hs.status = "Degraded"
  if health ~= "" then hs.message = "Ceph " .. health .. ": " .. hs.message end
  return hs
end
if (phase == "Ready" or phase == "Connected") and (health == "HEALTH_OK" or health == "HEALTH_WARN") then
  hs.status = "Healthy"
  hs.message = "Ceph " .. health
end
return hs
