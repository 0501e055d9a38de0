# skeleton
