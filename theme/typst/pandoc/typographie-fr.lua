-- French typography for Markdown converted by pandoc: no-break spaces before : ; ! ? % € and »,
-- after «, and between groups of three digits. Link targets and code are not touched.
local NBSP = "\u{00A0}"
local NNBSP = "\u{202F}"

local function starts(text, prefix)
  return text:sub(1, #prefix) == prefix
end

local function space_before(text)
  if starts(text, ":") or starts(text, "»") or starts(text, "%") or starts(text, "€") then
    return NBSP
  end
  if starts(text, ";") or starts(text, "!") or starts(text, "?") then
    return NNBSP
  end
  return nil
end

function Inlines(inlines)
  for i = 2, #inlines - 1 do
    local before, here, after = inlines[i - 1], inlines[i], inlines[i + 1]
    if here.t == "Space" and after.t == "Str" then
      local space = space_before(after.text)
      if space == nil and before.t == "Str" and before.text:match("%d$") and after.text:match("^%d%d%d%f[^%d]") then
        space = NNBSP
      end
      if space == nil and before.t == "Str" and before.text:sub(-#"«") == "«" then
        space = NBSP
      end
      if space ~= nil then
        inlines[i] = pandoc.Str(space)
      end
    end
  end
  return inlines
end
