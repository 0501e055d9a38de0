# site override of OSB's envscript
[#list lines as line]
[=line]
[/#list]
export SITE_OVERRIDE=1
