"""The NetEase platform's own words, typed by hand from the spec (DESIGN.md
"NetEase facts"), in the forms scrapers and exporters produce: shared by the
tests, never produced by the code under test."""

CURRENT = (
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。"
)
ENGLISH = (
    "Notice: The content above (including the pictures and videos if any) is "
    "uploaded and posted by a user of NetEase Hao, which is a social media "
    "platform and only provides information storage services."
)
OLDER = (
    "特别声明：本文为网易自媒体平台“网易号”作者上传并发布，仅代表该作者观点。"
    "网易仅提供信息发布平台。"
)
TRADITIONAL_HALF = (
    "特別聲明:以上內容(如有圖片或視頻亦包括在內)為自媒體平臺“網易號”用戶上傳并發布,"
    "本平臺僅提供信息存儲服務。"
)
TRADITIONAL_FULL = (
    "特別聲明：以上內容（如有圖片或視頻亦包括在內）為自媒體平臺「網易號」用戶上傳並發佈，"
    "本平臺僅提供信息存儲服務。"
)
SPACED = (
    "特别声明：以上内容 (如有图片或视频亦包括在内) 为自媒体平台 “网易号” 用户上传并发布，"
    "本平台仅提供信息存储服务。"
)
ENTITIES = (
    "特别声明：以上内容(如有图片或视频亦包括在内)为自媒体平台&ldquo;网易号&rdquo;"
    "用户上传并发布，本平台仅提供信息存储服务。"
)
HALF_WIDTH = (
    '特别声明:以上内容(如有图片或视频亦包括在内)为自媒体平台"网易号"用户上传并发布,'
    "本平台仅提供信息存储服务."
)
FULL_WIDTH = (
    "特别声明：以上内容（如有图片或视频亦包括在内）为自媒体平台“网易号”用户上传并发布，"
    "本平台仅提供信息存储服务。"
)
OLDER_TRADITIONAL = (
    "特別聲明:本文為網易自媒體平臺“網易號”作者上傳並發布,僅代表該作者觀點。"
    "網易僅提供信息發布平臺。"
)
PLACEHOLDER = "打开网易新闻 查看精彩图片"
