#!/bin/bash
echo finalize
