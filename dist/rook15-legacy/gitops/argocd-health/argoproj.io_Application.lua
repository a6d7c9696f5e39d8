-- Lets a parent Application wait for the child (Helm) Application of the operator to be healthy.
local hs = { status = "Progressing", message = "" }
-- a child whose health has no status yet stays Progressing (Argo CD refuses a result without a status)
if obj.status ~= nil and obj.status.health ~= nil and obj.status.health.status ~= nil then
  hs.status = obj.status.health.status
  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end
end
return hs
